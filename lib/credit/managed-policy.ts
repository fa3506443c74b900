import { managedPolicySeen, readManagedArea } from '../storage/items';
import { isPresent } from './policy';

/*
 * The organization's policy as this profile sees it. Once a managed policy has
 * been read here, the profile remembers it (`managedPolicySeen`): a policy that
 * later cannot be read (removed, or `storage.managed` failing) must not hand
 * control to the self-managed policy, which the rep can edit. Only an
 * administrator restoring it, or someone deliberately clearing this from the
 * options page, ends that.
 */

/**
 * `storage.managed`, or undefined. Firefox without a managed manifest, and
 * Chrome without a policy, throw or answer with nothing; whether that means
 * "none" or "gone" depends on whether one was seen before.
 */
export async function readManaged(): Promise<unknown> {
  try {
    const managed = await readManagedArea();
    return isPresent(managed) ? managed : undefined;
  } catch {
    return undefined;
  }
}

/** Anything stored, even something malformed, counts as seen: the safe reading. */
export const wasManagedSeen = async (): Promise<boolean> => (await managedPolicySeen().getValue()) !== null;

/** Remembers, once, that this profile has an organization's policy. */
export async function rememberManaged(now: number): Promise<void> {
  if (!(await wasManagedSeen())) await managedPolicySeen().setValue({ since: now });
}

/**
 * Stops waiting for a vanished organization's policy, so the self-managed one
 * applies again. Refused while a managed policy is present: there is nothing to
 * forget then, and the page may be stale.
 */
export async function forgetManaged(): Promise<boolean> {
  if (isPresent(await readManaged())) return false;
  await managedPolicySeen().removeValue();
  return true;
}
