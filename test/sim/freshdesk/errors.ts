import { empty, json, type Reply } from '../http/reply';

export interface FieldError {
  field: string;
  message: string;
  code: string;
}

/** The documented Freshdesk error bodies (helpdesk-apis.md §2.7). The 404 body is empty. */
export const fdErrors = {
  validation: (...errors: FieldError[]): Reply => json(400, { description: 'Validation failed', errors }),
  unauthorized: (): Reply =>
    json(401, { code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' }),
  forbidden: (status = 403): Reply =>
    json(status, { code: 'access_denied', message: 'You are not authorized to perform this action.' }),
  notFound: (): Reply => empty(404),
  methodNotAllowed: (method: string, allowed: string[]): Reply =>
    json(405, {
      message: `${method} method is not allowed. It should be one of these method(s): ${allowed.join(', ')}`,
    }),
};

export const invalidField = (field: string): FieldError => ({
  field,
  message: 'Unexpected/invalid field in request',
  code: 'invalid_field',
});

export const invalidValue = (field: string, message: string): FieldError => ({
  field,
  message,
  code: 'invalid_value',
});
