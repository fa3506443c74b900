import { parseArgs } from 'node:util';
import { parseFaultFlag } from './faults';
import { PLANS } from './limits';
import { startSimulator } from './server';

const USAGE = `npm run sim -- [--seed 1] [--size tiny|demo|bench|scale] [--dataset file.json] [--port 0]
  [--plan ${Object.keys(PLANS).join('|')}] [--latency ms] [--jitter ms] [--ticket-update-limit]
  [--fault "GET /api/v2/tickets/*=429@0.5,retry=2"]...`;

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    size: { type: 'string', default: 'demo' },
    dataset: { type: 'string' },
    port: { type: 'string', default: '0' },
    plan: { type: 'string' },
    latency: { type: 'string', default: '0' },
    jitter: { type: 'string', default: '0' },
    fault: { type: 'string', multiple: true, default: [] },
    'ticket-update-limit': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const sizes = ['tiny', 'demo', 'bench', 'scale', 'bulk'] as const;
const size = sizes.find((s) => s === values.size);
if (!size) {
  console.error(`--size must be one of ${sizes.join(', ')}\n${USAGE}`);
  process.exit(2);
}

const sim = await startSimulator({
  seed: Number(values.seed),
  size,
  dataset: values.dataset,
  port: Number(values.port),
  plan: values.plan,
  latencyMs: Number(values.latency),
  jitterMs: Number(values.jitter),
  ticketUpdateLimit: values['ticket-update-limit'],
});
for (const flag of values.fault) sim.control.addFault(parseFaultFlag(flag));

const zendesk = [...sim.data.accounts.values()].find((a) => a.helpdesk === 'zendesk');
const freshdesk = [...sim.data.accounts.values()].find((a) => a.helpdesk === 'freshdesk');
const lines = [
  `Helpdesk simulator on 127.0.0.1:${sim.port} (seed ${values.seed}, ${values.dataset ?? size})`,
];
if (zendesk) {
  const t = sim.data.sampleTicket('zendesk');
  lines.push(
    `  Zendesk agent:   https://${zendesk.host}/agent/tickets/${t.id}   (API token: ada@acme.test/token:${zendesk.apiToken})`,
  );
}
if (freshdesk) {
  const t = sim.data.sampleTicket('freshdesk');
  const ada = sim.data.userByEmail(freshdesk.host, 'ada@acme.test');
  lines.push(
    `  Freshdesk agent: https://${freshdesk.host}/a/tickets/${t.id}   (API key of Ada: ${ada?.apiKey ?? '-'}:X)`,
  );
}
lines.push(
  `  Control:         https://${zendesk?.host ?? 'localhost'}/__sim/state`,
  '  Chromium flags:',
  `    --host-resolver-rules="${sim.hostResolverRules}" --ignore-certificate-errors`,
  '  Sign in as another agent: add ?as=ben@acme.test to an agent page URL. Ctrl-C to stop.',
);
console.log(lines.join('\n'));

const stop = (): void => {
  sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
