import { conversationOf } from './conversation';
import { coach, decide } from './decisions';
import { type NoteResult, type ReviewDeps, type ReviewReply, refuse } from './deps';
import { loadReview } from './load';
import type { ReviewToBackground } from './protocol';

/** One message kind of the review page, validated by the port's schema. */
export type ReviewMessage<K extends ReviewToBackground['type']> = Extract<ReviewToBackground, { type: K }>;

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const failure = (error: unknown): NoteResult => refuse(errorText(error));

/*
 * One function per message kind the review page sends. Each answers through
 * `reply`, never throws, and reads nothing but its message and the deps.
 */

export const onLoad = (deps: ReviewDeps, message: ReviewMessage<'load'>, reply: ReviewReply) =>
  loadReview(deps, reply, message.choice).catch((error) =>
    reply({ type: 'failed', message: errorText(error) }),
  );

export async function onApprove(deps: ReviewDeps, message: ReviewMessage<'approve'>, reply: ReviewReply) {
  const result = await decide(deps, message.requestId, message.ticket, 'approve', null).catch(failure);
  reply({ type: 'decided', requestId: message.requestId, ...result });
}

export async function onDecline(deps: ReviewDeps, message: ReviewMessage<'decline'>, reply: ReviewReply) {
  const result = await decide(deps, message.requestId, message.ticket, 'decline', message.reason).catch(
    failure,
  );
  reply({ type: 'decided', requestId: message.requestId, ...result });
}

export async function onConversation(
  deps: ReviewDeps,
  message: ReviewMessage<'conversation'>,
  reply: ReviewReply,
) {
  reply(await conversationOf(deps, message.ticket));
}

export async function onCoach(deps: ReviewDeps, message: ReviewMessage<'coach'>, reply: ReviewReply) {
  const result = await coach(deps, message.ticket, message.grantId, message.text).catch(failure);
  reply({ type: 'coached', grantId: message.grantId, ...result });
}
