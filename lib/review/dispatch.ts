import type { ReviewDeps, ReviewReply } from './deps';
import { onApprove, onCoach, onConversation, onDecline, onLoad } from './handlers';
import type { ReviewToBackground } from './protocol';

/** Routes a validated page message to its handler (a port handler table can take this place). */
export function dispatchReview(deps: ReviewDeps, message: ReviewToBackground, reply: ReviewReply) {
  switch (message.type) {
    case 'load':
      return onLoad(deps, message, reply);
    case 'approve':
      return onApprove(deps, message, reply);
    case 'decline':
      return onDecline(deps, message, reply);
    case 'conversation':
      return onConversation(deps, message, reply);
    case 'coach':
      return onCoach(deps, message, reply);
  }
}
