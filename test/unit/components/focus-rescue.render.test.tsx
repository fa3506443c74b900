import { useRef } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useFocusRescue } from '../../../components/hooks/use-focus-rescue';
import { fire, mount, one, rerender, unmount } from './dom';

const hosts: HTMLElement[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) unmount(host);
});

/** A container shown only with data, as the credit panel's body is inside its section. */
function Panel({ data, remember }: { data: boolean; remember: (el: HTMLElement) => string }) {
  const box = useRef<HTMLDivElement>(null);
  useFocusRescue(box, remember, () => null);
  return (
    <section>
      {data && (
        <div ref={box}>
          <button type="button" data-testid="inside">
            Grant
          </button>
        </div>
      )}
      <button type="button" data-testid="outside">
        Retry
      </button>
    </section>
  );
}

describe('useFocusRescue', () => {
  it('notes focus in its container after the container was rendered anew', () => {
    const remember = vi.fn((el: HTMLElement) => el.getAttribute('data-testid') ?? '');
    const host = mount(<Panel data remember={remember} />);
    hosts.push(host);
    rerender(host, <Panel data={false} remember={remember} />);
    rerender(host, <Panel data remember={remember} />);
    fire(one(host, 'inside'), 'focusin');
    expect(remember.mock.results.map((result) => result.value)).toEqual(['inside']);
  });

  it('notes focus in a container that was not there when it mounted, and none outside it', () => {
    const remember = vi.fn((el: HTMLElement) => el.getAttribute('data-testid') ?? '');
    const host = mount(<Panel data={false} remember={remember} />);
    hosts.push(host);
    rerender(host, <Panel data remember={remember} />);
    fire(one(host, 'outside'), 'focusin');
    fire(one(host, 'inside'), 'focusin');
    expect(remember.mock.results.map((result) => result.value)).toEqual(['inside']);
  });
});
