import type { GatewayDeps } from '../deps';

export interface Sweeper {
  stop(): Promise<void>;
}

/** Placeholder until the execution flow lands: resumes nothing yet. */
export function startSweeper(_deps: GatewayDeps, _everyMs: number): Sweeper {
  return { stop: async () => undefined };
}
