import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type SavedKey, SavedKeys } from '../../../components/options/SavedKeys';
import { byTestId, mount, one, typeInto, unmount } from './dom';

const hosts: HTMLElement[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) unmount(host);
});

const KEYS: SavedKey[] = [
  { account: 'acme.freshdesk.com', helpdesk: 'freshdesk', refused: 401 },
  { account: 'acme.zendesk.com', helpdesk: 'zendesk', refused: null },
];

const render = () => {
  const onReplace = vi.fn(async () => undefined);
  const onRemove = vi.fn(async () => undefined);
  const host = mount(<SavedKeys keys={KEYS} onReplace={onReplace} onRemove={onRemove} />);
  hosts.push(host);
  return { host, onReplace, onRemove };
};

const click = async (el: Element) => {
  await act(async () => {
    (el as HTMLElement).click();
  });
};

describe('saved keys on the options page (finding 7)', () => {
  it('names a refused key and replaces it; a short key is refused with a message', async () => {
    const { host, onReplace } = render();
    const [refused] = byTestId(host, 'saved-key');
    expect(one(refused!, 'saved-key-refused').textContent).toContain('Freshdesk refused this key (401)');
    expect(byTestId(host, 'saved-key-refused')).toHaveLength(1);
    const input = one(refused!, 'saved-key-input') as HTMLInputElement;
    typeInto(input, 'short');
    await click(one(refused!, 'saved-key-replace'));
    expect(onReplace).not.toHaveBeenCalled();
    expect(refused!.textContent).toContain('too short');
    typeInto(input, '  the-right-key-123 ');
    await click(one(refused!, 'saved-key-replace'));
    expect(onReplace).toHaveBeenCalledWith('acme.freshdesk.com', 'the-right-key-123');
    expect(input.value).toBe('');
    expect(refused!.textContent).toContain('Saved.');
  });

  it('removes a key', async () => {
    const { host, onRemove } = render();
    await click(one(byTestId(host, 'saved-key')[1]!, 'saved-key-remove'));
    expect(onRemove).toHaveBeenCalledWith('acme.zendesk.com');
  });

  it('says when no key is saved', () => {
    const host = mount(<SavedKeys keys={[]} onReplace={vi.fn()} onRemove={vi.fn()} />);
    hosts.push(host);
    expect(host.textContent).toContain('No key is saved in this browser');
  });
});
