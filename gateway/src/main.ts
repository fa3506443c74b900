import { loadConfig } from './config';
import { startGateway } from './start';

/**
 * `npm run gateway`: reads the configuration named by FRONTLINE_GATEWAY_CONFIG and serves
 * until SIGINT/SIGTERM. FRONTLINE_GATEWAY_TEST_EXIT_AFTER_EXECUTE=1 is a test hook (README):
 * the process exits right after an executor answered, before the write-back, as a crash would.
 */
async function main(): Promise<void> {
  const path = process.env.FRONTLINE_GATEWAY_CONFIG;
  if (!path) throw new Error('set FRONTLINE_GATEWAY_CONFIG to the gateway configuration file');
  const config = await loadConfig(path);
  const crash = process.env.FRONTLINE_GATEWAY_TEST_EXIT_AFTER_EXECUTE === '1';
  const gateway = await startGateway(config, {
    afterExecute: crash ? () => process.exit(86) : undefined,
  });
  gateway.deps.logger.info({ url: gateway.url, store: gateway.deps.store.kind }, 'gateway listening');
  const stop = async (): Promise<void> => {
    await gateway.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
