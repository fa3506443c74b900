import type { HelpdeskAdapter } from '../adapter';
import {
  SHOW_MANY_LIMIT,
  zendeskAddPrivateNote,
  zendeskAddTag,
  zendeskAgents,
  zendeskAssign,
  zendeskAssignmentTrail,
  zendeskCases,
  zendeskCustomers,
  zendeskEntries,
  zendeskGroups,
  zendeskIndexGrants,
  zendeskMe,
  zendeskMyGroupIds,
  zendeskRemoveTag,
  zendeskThread,
  zendeskTicket,
} from './api';
import { zendeskHistory } from './history';
import { zendeskPage } from './page';
import { zendeskPlatform } from './platform';
import { zendeskCountTickets, zendeskSearchTickets } from './search';

export const zendeskAdapter: HelpdeskAdapter<'zendesk'> = {
  ...zendeskPlatform,
  allows: zendeskPage.allows,
  me: zendeskMe,
  ticket: (client, ref) => zendeskTicket(client, ref, Date.now()),
  requesterHistory: (client, account, requesterId) =>
    zendeskHistory(client, account, requesterId, Date.now()),
  entries: zendeskEntries,
  thread: zendeskThread,
  assignmentTrail: zendeskAssignmentTrail,
  groups: zendeskGroups,
  myGroupIds: zendeskMyGroupIds,
  searchTickets: (client, account, query) => zendeskSearchTickets(client, account, query, Date.now()),
  countTickets: (client, _account, query) => zendeskCountTickets(client, query),
  agents: zendeskAgents,
  cases: {
    perRequest: SHOW_MANY_LIMIT,
    read: (client, account, ids) => zendeskCases(client, account, ids, Date.now()),
  },
  customers: { perRequest: SHOW_MANY_LIMIT, read: zendeskCustomers },
  addPrivateNote: zendeskAddPrivateNote,
  addTag: zendeskAddTag,
  indexGrants: zendeskIndexGrants,
  removeTag: zendeskRemoveTag,
  assign: zendeskAssign,
};
