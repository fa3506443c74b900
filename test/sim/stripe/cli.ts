import { parseArgs } from 'node:util';
import { startStripeSim } from './server';

const USAGE = `node --import tsx test/sim/stripe/cli.ts [--port 0] [--latency ms] [--customer email]...
  Serves the Stripe simulator on http://127.0.0.1:PORT until Ctrl-C; each --customer adds a customer.`;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    latency: { type: 'string', default: '0' },
    customer: { type: 'string', multiple: true, default: [] },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const port = Number(values.port);
const latencyMs = Number(values.latency);
if (!Number.isInteger(port) || port < 0 || port > 65_535 || !Number.isInteger(latencyMs) || latencyMs < 0) {
  console.error(USAGE);
  process.exit(2);
}

const sim = await startStripeSim({ port, latencyMs });
for (const email of values.customer) {
  const customer = sim.control.addCustomer({ email });
  console.log(`customer ${customer.id} ${email}`);
}
console.log(`Stripe simulator on ${sim.url}`);
console.log(`secret key: ${sim.secretKey}`);
console.log(`gateway executors.stripe: ${JSON.stringify({ secretKey: sim.secretKey, apiBase: sim.url })}`);
const stop = (): void => {
  sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
