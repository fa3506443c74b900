import { parseHTML } from 'linkedom';
import { type ComponentChild, render } from 'preact';
import { act } from 'preact/test-utils';

/**
 * A DOM for rendering components under vitest's node environment. linkedom
 * comes with WXT; it has no layout, so the sizes the virtualizer reads are
 * stubbed: a 600 px scroll area and 66 px rows.
 */
const { window, document } = parseHTML('<!doctype html><html><body></body></html>');

const proto = window.HTMLElement.prototype as object;
const size = (name: string, get: (el: HTMLElement) => number) =>
  Object.defineProperty(proto, name, {
    configurable: true,
    get() {
      return get(this as HTMLElement);
    },
  });
size('clientHeight', (el) => (el.classList.contains('fl-scroll') ? 600 : 0));
size('clientWidth', () => 400);
size('offsetHeight', () => 66);
size('offsetWidth', () => 400);
size('scrollTop', () => 0);

// linkedom calls a listener with `this` = the event's target, not the element it
// listens on; Preact's event proxy reads its handlers from `this`, so a bubbling
// event would run the target's handler again instead of the ancestor's.
const bound = new WeakMap<object, WeakMap<object, { handleEvent: (e: Event) => void }>>();
const listenerOwner = (() => {
  let p: object | null = document.createElement('div');
  while (p && !Object.hasOwn(p, 'addEventListener')) p = Object.getPrototypeOf(p);
  return p as EventTarget;
})();
const { addEventListener: add, removeEventListener: remove } = listenerOwner;
const wrap = (el: object, listener: EventListenerOrEventListenerObject | null) => {
  if (typeof listener !== 'function') return listener;
  const perElement = bound.get(listener) ?? new WeakMap();
  bound.set(listener, perElement);
  const wrapped = perElement.get(el) ?? { handleEvent: (e: Event) => listener.call(el, e) };
  perElement.set(el, wrapped);
  return wrapped;
};
Object.assign(listenerOwner, {
  addEventListener(
    this: EventTarget,
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    o?: unknown,
  ) {
    add.call(this, type, wrap(this, listener), o as AddEventListenerOptions);
  },
  removeEventListener(
    this: EventTarget,
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    o?: unknown,
  ) {
    remove.call(this, type, wrap(this, listener), o as EventListenerOptions);
  },
});

Object.assign(globalThis, {
  window,
  document,
  requestAnimationFrame: (cb: FrameRequestCallback) => setTimeout(() => cb(performance.now()), 0),
  cancelAnimationFrame: (id: number) => clearTimeout(id),
});
Object.assign(window, {
  requestAnimationFrame: globalThis.requestAnimationFrame,
  cancelAnimationFrame: globalThis.cancelAnimationFrame,
});

export const mount = (vnode: ComponentChild): HTMLElement => {
  const host = document.createElement('div');
  document.body.appendChild(host);
  act(() => {
    render(vnode, host as unknown as Element);
  });
  return host as unknown as HTMLElement;
};

export const rerender = (host: HTMLElement, vnode: ComponentChild): void => {
  act(() => {
    render(vnode, host);
  });
};

export const unmount = (host: HTMLElement): void => {
  act(() => {
    render(null, host);
  });
  host.remove();
};

export const byTestId = (root: ParentNode, id: string): HTMLElement[] =>
  Array.from(root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));

export const one = (root: ParentNode, id: string): HTMLElement => {
  const found = byTestId(root, id);
  if (found.length !== 1) throw new Error(`expected one [data-testid="${id}"], found ${found.length}`);
  return found[0] as HTMLElement;
};

export const fire = (target: EventTarget, type: string, init: Record<string, unknown> = {}): void => {
  act(() => {
    const event = new window.Event(type, { bubbles: true, cancelable: true });
    Object.assign(event, init);
    target.dispatchEvent(event as unknown as Event);
  });
};

export const typeInto = (input: HTMLInputElement, value: string): void => {
  input.value = value;
  fire(input, 'input');
};
