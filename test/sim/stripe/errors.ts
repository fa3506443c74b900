/**
 * Stripe's error answers: `{ error: { type, code?, message, param?, doc_url?, request_log_url } }`
 * (docs.stripe.com/api/errors). Absent fields are left out, as Stripe does. `type` is one of the
 * documented four (api_error, card_error, idempotency_error, invalid_request_error); a rate limit
 * is `invalid_request_error` with code `rate_limit`, answered 429.
 */
export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export interface StripeErrorFields {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
}

export interface SimReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const docUrl = (code: string): string => `https://stripe.com/docs/error-codes/${code.replaceAll('_', '-')}`;

/** The error body with the request log link Stripe adds to every error. */
export function errorReply(
  status: number,
  fields: StripeErrorFields,
  requestId: string,
  headers?: Record<string, string>,
): SimReply {
  const { code, ...rest } = fields;
  const error = {
    ...(code ? { code, doc_url: docUrl(code) } : {}),
    ...rest,
    request_log_url: `https://dashboard.stripe.com/test/logs/${requestId}?t=${Math.floor(Date.now() / 1000)}`,
  };
  return { status, body: { error }, ...(headers ? { headers } : {}) };
}

export const missingKey = (): StripeErrorFields => ({
  type: 'invalid_request_error',
  message:
    "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
});

/** Stripe shows only the key's last four characters. */
export const invalidKey = (key: string): StripeErrorFields => ({
  type: 'invalid_request_error',
  message: `Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`,
});

export const noSuch = (what: string, id: string, param: string): StripeErrorFields => ({
  type: 'invalid_request_error',
  code: 'resource_missing',
  param,
  message: `No such ${what}: '${id}'`,
});

export const unrecognizedUrl = (method: string, path: string): StripeErrorFields => ({
  type: 'invalid_request_error',
  message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
});

export const missingParam = (param: string): StripeErrorFields => ({
  type: 'invalid_request_error',
  code: 'parameter_missing',
  param,
  message: `Missing required param: ${param}.`,
});

export const invalidParam = (
  param: string,
  message: string,
  code = 'parameter_invalid',
): StripeErrorFields => ({
  type: 'invalid_request_error',
  code,
  param,
  message,
});

export const unknownParam = (param: string): StripeErrorFields => ({
  type: 'invalid_request_error',
  code: 'parameter_unknown',
  param,
  message: `Received unknown parameter: ${param}`,
});

export const idempotencyMismatch = (key: string): StripeErrorFields => ({
  type: 'idempotency_error',
  message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
});

export const idempotencyInUse = (key: string): StripeErrorFields => ({
  type: 'idempotency_error',
  code: 'idempotency_key_in_use',
  message: `There is currently another in-progress request using this idempotency key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
});

export const cardDeclined = (): StripeErrorFields => ({
  type: 'card_error',
  code: 'card_declined',
  decline_code: 'generic_decline',
  message: 'Your card was declined.',
});

export const rateLimited = (): StripeErrorFields => ({
  type: 'invalid_request_error',
  code: 'rate_limit',
  message:
    'Request rate limit exceeded. You can learn more about rate limits here https://stripe.com/docs/rate-limits.',
});

export const serverError = (): StripeErrorFields => ({
  type: 'api_error',
  message: 'An unknown error occurred',
});
