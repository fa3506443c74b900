import { between, hashSeed, makeRng, pick, type Rng } from '../rng';
import { ID_PLANS, MAX_GENERATED_COMMENTS } from './ids';
import type { SimAccount, SimAudit, SimChange, SimComment, SimThread, SimTicket, SimUser } from './model';
import { AGENT_LINES, CUSTOMER_LINES, escapeHtml, HOSTILE_BODIES, NOTE_LINES } from './text';

/** How each helpdesk stores a comment's HTML. Freshdesk keeps hostile markup raw, to test our rendering. */
export function commentHtml(helpdesk: SimAccount['helpdesk'], text: string, rawMarkup: boolean): string {
  if (helpdesk === 'zendesk')
    return `<div class="zd-comment" dir="auto"><p dir="auto">${escapeHtml(text)}</p></div>`;
  return `<div>${rawMarkup ? text : escapeHtml(text)}</div>`;
}

const isHostile = (text: string): boolean => (HOSTILE_BODIES as readonly string[]).includes(text);

/** Agents of an account, computed once: accounts hold thousands of customers. */
const agentCache = new WeakMap<SimAccount, SimUser[]>();
function agentsOf(account: SimAccount): SimUser[] {
  let agents = agentCache.get(account);
  if (!agents) {
    agents = [...account.users.values()].filter((u) => u.role !== 'end-user');
    agentCache.set(account, agents);
  }
  return agents;
}

interface Step {
  groupId: string | null;
  assigneeId: string | null;
}

/** The assignment history that ends at the ticket's current group and assignee. */
function assignmentSteps(rng: Rng, ticket: SimTicket, account: SimAccount): Step[] {
  const final: Step = { groupId: ticket.groupId, assigneeId: ticket.assigneeId };
  const groups = [...account.groups.values()];
  const support = groups.find((g) => g.isDefault) ?? groups[0];
  const agents = agentsOf(account);
  const finalGroup = ticket.groupId ? account.groups.get(ticket.groupId) : undefined;
  if (finalGroup?.escalation) {
    const owner = pick(
      rng,
      agents.filter((a) => a.groupIds.includes(support?.id ?? '')),
    );
    const first: Step = { groupId: support?.id ?? null, assigneeId: owner?.id ?? null };
    return rng() < 0.3 ? [first, { groupId: final.groupId, assigneeId: null }, final] : [first, final];
  }
  if (final.assigneeId && rng() < 0.3) {
    const other = pick(
      rng,
      agents.filter((a) => a.id !== final.assigneeId),
    );
    return [{ groupId: final.groupId, assigneeId: other?.id ?? null }, final];
  }
  return [final];
}

function commentCount(rng: Rng, ticket: SimTicket): number {
  const long = ticket.tags.includes('long_thread') || rng() < 0.02;
  return long ? between(rng, 40, 160) : between(rng, 1, 8);
}

/** Builds a generated ticket's comments and audits, seeded by the ticket alone so read order never matters. */
export function generateThread(ticket: SimTicket, account: SimAccount): SimThread {
  const rng = makeRng(hashSeed(`${account.host}#${ticket.id}`));
  const plan = ID_PLANS[account.helpdesk];
  const steps = assignmentSteps(rng, ticket, account);
  const count = Math.min(commentCount(rng, ticket), MAX_GENERATED_COMMENTS);
  const start = Date.parse(ticket.createdAt);
  const span = Math.max(1, Date.parse(ticket.updatedAt) - start);
  const slots = count + steps.length - 1;
  const at = (slot: number): string =>
    new Date(start + Math.floor((span * slot) / Math.max(1, slots))).toISOString();
  const idOf = (k: number): number => plan.comments + Number(ticket.id) * 1000 + 2 * k;
  const fallbackAgent = agentsOf(account)[0]?.id ?? ticket.requesterId;
  const actorOf = (step: Step): string => step.assigneeId ?? fallbackAgent;

  const comments: SimComment[] = [];
  const audits: SimAudit[] = [];
  let stepIndex = 0;
  let slot = 0;
  for (let k = 0; k < count; k++) {
    const first = k === 0;
    const fromCustomer = first || rng() < 0.45;
    const note = !fromCustomer && rng() < 0.3;
    const text = first
      ? ticket.description
      : fromCustomer
        ? rng() < 0.08
          ? pick(rng, HOSTILE_BODIES)
          : pick(rng, CUSTOMER_LINES)
        : note
          ? pick(rng, NOTE_LINES)
          : pick(rng, AGENT_LINES);
    const step = steps[stepIndex] as Step;
    const authorId = fromCustomer ? ticket.requesterId : actorOf(step);
    const commentId = String(idOf(k));
    const auditId = String(idOf(k) + 1);
    const createdAt = at(slot++);
    comments.push({
      id: commentId,
      authorId,
      body: text,
      html: commentHtml(account.helpdesk, text, isHostile(text)),
      public: !note,
      incoming: fromCustomer,
      createdAt,
      auditId,
    });
    const changes: SimChange[] = first
      ? [
          { kind: 'Create', field: 'requester_id', value: ticket.requesterId, previous: null },
          { kind: 'Create', field: 'subject', value: ticket.subject, previous: null },
          { kind: 'Create', field: 'status', value: 'new', previous: null },
          { kind: 'Create', field: 'group_id', value: step.groupId, previous: null },
          { kind: 'Create', field: 'assignee_id', value: step.assigneeId, previous: null },
        ]
      : [];
    audits.push({
      id: auditId,
      createdAt,
      authorId,
      channel: first ? ticket.channel : 'web',
      commentId,
      changes,
    });
    // Reassignments happen between comments, spread evenly through the thread.
    while (
      stepIndex + 1 < steps.length &&
      ((k + 1) / count >= (stepIndex + 1) / steps.length || k === count - 1)
    ) {
      const from = steps[stepIndex] as Step;
      const to = steps[++stepIndex] as Step;
      audits.push({
        id: String(idOf(MAX_GENERATED_COMMENTS + stepIndex) + 1),
        createdAt: at(slot++),
        authorId: actorOf(from),
        channel: 'web',
        commentId: null,
        changes: changeEvents(from, to),
      });
    }
  }
  return { comments, audits };
}

export function changeEvents(from: Step, to: Step): SimChange[] {
  const changes: SimChange[] = [];
  if (from.groupId !== to.groupId)
    changes.push({ kind: 'Change', field: 'group_id', value: to.groupId, previous: from.groupId });
  if (from.assigneeId !== to.assigneeId)
    changes.push({ kind: 'Change', field: 'assignee_id', value: to.assigneeId, previous: from.assigneeId });
  return changes;
}
