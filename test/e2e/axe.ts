import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from '@playwright/test';

/**
 * axe-core run inside one frame. The sidebar is an extension-origin iframe in a
 * closed shadow root, which AxeBuilder cannot reach from the page, so the source
 * is injected into the frame itself; extension pages get the same treatment.
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  /** Each element it names, with what axe says is wrong there. */
  nodes: string[];
}

/** What the team's rule counts: a serious or critical violation of any axe rule. */
const BLOCKING = new Set(['serious', 'critical']);

export async function axeFindings(target: Page | Frame): Promise<AxeFinding[]> {
  await target.evaluate(AXE_SOURCE);
  const violations = await target.evaluate(async () => {
    // The injected script defines `axe` on the frame's window; the test's own types do not know it.
    const axe = (
      globalThis as unknown as { axe: { run(context: Document, options: object): Promise<unknown> } }
    ).axe;
    const result = (await axe.run(document, { resultTypes: ['violations'] })) as {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: unknown[]; failureSummary?: string }[];
      }[];
    };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      nodes: v.nodes.map(
        (n) => `${JSON.stringify(n.target)}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`,
      ),
    }));
  });
  return violations.filter((v) => BLOCKING.has(v.impact));
}

/** One line per violation: its id, impact, rule and the elements it names, as the failure message. */
export const describeFindings = (where: string, findings: readonly AxeFinding[]): string =>
  findings.map((f) => `${where}: ${f.id} (${f.impact}) ${f.help}\n  ${f.nodes.join('\n  ')}`).join('\n');
