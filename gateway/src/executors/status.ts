/**
 * Whether a refusal is final: a 4xx other than 408 (timeout), 409 (a concurrent request with
 * the same idempotency key) and 429 (rate limit) will answer the same to every retry.
 */
export const isPermanentStatus = (status: number): boolean =>
  status >= 400 && status < 500 && status !== 408 && status !== 409 && status !== 429;
