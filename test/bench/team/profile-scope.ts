import { AsyncLocalStorage } from 'node:async_hooks';
import { scopeAccountSettings } from '../../../lib/helpdesks/account-cache';

/**
 * The browser profile whose work is running: every rep's calls run inside it, so what the
 * modules keep per worker in memory (the hourly account settings) is kept per profile, as
 * 200 real workers each keep their own.
 */
const profile = new AsyncLocalStorage<string>();
scopeAccountSettings(() => profile.getStore() ?? '');

/** `work` (and everything it starts) as the profile `id` does it. */
export const inProfile = <T>(id: string, work: () => T): T => profile.run(id, work);
