import { json, type Reply } from '../http/reply';

/** The documented Zendesk error bodies (helpdesk-apis.md §1.7). */
export const zdErrors = {
  unauthorized: (): Reply => json(401, { error: "Couldn't authenticate you" }),
  forbidden: (status = 403): Reply =>
    json(status, {
      error: 'Forbidden',
      description:
        'You do not have access to this page. Please contact the account owner of this help desk for further help.',
    }),
  notFound: (): Reply => json(404, { error: 'RecordNotFound', description: 'Not found' }),
  invalidRoute: (): Reply => json(404, { error: 'InvalidEndpoint', description: 'Not found' }),
  conflict: (): Reply =>
    json(409, {
      error: 'UpdateConflict',
      description:
        'Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.',
    }),
  invalid: (field: string, description: string, error = 'InvalidValue'): Reply =>
    json(422, {
      error: 'RecordInvalid',
      description: 'Record validation errors',
      details: { [field]: [{ description, error }] },
    }),
  badRequest: (title: string, message: string): Reply => json(400, { error: { title, message } }),
  searchInvalid: (description: string): Reply => json(422, { error: 'invalid', description }),
};
