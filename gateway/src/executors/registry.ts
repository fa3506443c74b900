import type { GatewayConfig } from '../config';
import type { Executor } from './executor';

export type ExecutorName = Executor['name'];

/** Builds one executor from its settings (`config.executors[name]`), which it validates itself. */
export type ExecutorFactory = (settings: unknown) => Executor;

/**
 * The executors the gateway knows. gw-stripe's `stripe.ts` and `webhook.ts` each export a
 * factory and are listed here, one line each.
 */
export const EXECUTOR_FACTORIES: Partial<Record<ExecutorName, ExecutorFactory>> = {};

export type Executors = ReadonlyMap<ExecutorName, Executor>;

/**
 * The executors the configuration asks for. An account naming an executor that is not
 * configured is a startup error: silently accepting grants that never move money is worse.
 */
export function buildExecutors(
  config: GatewayConfig,
  factories: Partial<Record<ExecutorName, ExecutorFactory>> = EXECUTOR_FACTORIES,
): Executors {
  const wanted = new Set(config.accounts.flatMap((a) => (a.executor ? [a.executor] : [])));
  const built = new Map<ExecutorName, Executor>();
  for (const name of wanted) {
    const factory = factories[name];
    if (!factory) throw new Error(`executor ${name} is not available in this gateway`);
    if (!(name in config.executors))
      throw new Error(`executor ${name} is used but has no settings in executors`);
    built.set(name, factory(config.executors[name]));
  }
  return built;
}
