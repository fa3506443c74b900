import { z } from 'zod';
import { ratePauses } from '../storage/items';

/**
 * The pauses a helpdesk asked for, by account: until when the account waits, and which of its
 * tickets' writes wait until when (epoch ms). Kept so a worker Chrome restarted during a long
 * Retry-After (Freshdesk's hourly plans ask for 25 minutes) does not meet the same 429 at once.
 */
export const SavedPauses = z.record(
  z.string(),
  z.object({ until: z.number(), tickets: z.record(z.string(), z.number()) }),
);
export type SavedPauses = z.infer<typeof SavedPauses>;

export interface PauseStore {
  load(): Promise<SavedPauses>;
  save(pauses: SavedPauses): Promise<void>;
}

/** In `storage.session`: it outlives the worker, not the browser session, and only the background reads it. */
export const sessionPauseStore = (): PauseStore => ({
  async load() {
    const parsed = SavedPauses.safeParse(await ratePauses().getValue());
    return parsed.success ? parsed.data : {};
  },
  save: (pauses) => ratePauses().setValue(pauses),
});
