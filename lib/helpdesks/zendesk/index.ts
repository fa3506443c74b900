import type { HelpdeskAdapter } from '../adapter';
import { zendeskAllows } from './allow-list';
import {
  SHOW_MANY_LIMIT,
  zendeskAddPrivateNote,
  zendeskAgents,
  zendeskAssign,
  zendeskAssignmentTrail,
  zendeskCases,
  zendeskEntries,
  zendeskGroups,
  zendeskMe,
  zendeskMyGroupIds,
  zendeskSetTag,
  zendeskTicket,
} from './api';
import { zendeskHistory } from './history';
import { zendeskTaggedSince } from './tagged';
import { matchZendeskUrl } from './url';

export const zendeskAdapter: HelpdeskAdapter = {
  kind: 'zendesk',
  match: matchZendeskUrl,
  allows: zendeskAllows,
  me: zendeskMe,
  ticket: (client, ref) => zendeskTicket(client, ref, Date.now()),
  requesterHistory: (client, account, requesterId) =>
    zendeskHistory(client, account, requesterId, Date.now()),
  entries: zendeskEntries,
  assignmentTrail: zendeskAssignmentTrail,
  groups: zendeskGroups,
  myGroupIds: zendeskMyGroupIds,
  taggedSince: zendeskTaggedSince,
  agents: zendeskAgents,
  cases: {
    perRequest: SHOW_MANY_LIMIT,
    read: (client, account, ids) => zendeskCases(client, account, ids, Date.now()),
  },
  addPrivateNote: zendeskAddPrivateNote,
  addTag: (client, ref, tag) => zendeskSetTag(client, ref, tag, 'PUT'),
  removeTag: (client, ref, tag) => zendeskSetTag(client, ref, tag, 'DELETE'),
  assign: zendeskAssign,
};
