/**
 * A billing webhook answer that was not 2xx; `status` null when no answer came. Its own module
 * so that the gateway (Node, no extension APIs) can post to billing through lib/credit/webhook.ts
 * without importing failure.ts's helpdesk and credential classes.
 */
export class WebhookError extends Error {
  constructor(
    readonly status: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookError';
  }
}
