/** A refusal of a review or approval call, answered as a `GatewayError` body with its status. */
export class ReviewError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 422 | 503,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ReviewError';
  }
}
