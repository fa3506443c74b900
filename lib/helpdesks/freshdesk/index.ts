import type { HelpdeskAdapter } from '../adapter';
import {
  freshdeskAddPrivateNote,
  freshdeskAgents,
  freshdeskAssign,
  freshdeskCases,
  freshdeskChangeTag,
  freshdeskCustomers,
  freshdeskEntries,
  freshdeskGroups,
  freshdeskIndexGrants,
  freshdeskMe,
  freshdeskMyGroupIds,
  freshdeskThread,
  freshdeskTicket,
} from './api';
import { freshdeskHistory } from './history';
import { freshdeskPage } from './page';
import { freshdeskPlatform } from './platform';
import { freshdeskCountTickets, freshdeskSearchTickets } from './search';

export const freshdeskAdapter: HelpdeskAdapter<'freshdesk'> = {
  ...freshdeskPlatform,
  allows: freshdeskPage.allows,
  me: freshdeskMe,
  ticket: freshdeskTicket,
  requesterHistory: freshdeskHistory,
  entries: freshdeskEntries,
  thread: (client, ref) => freshdeskThread(client, ref),
  // Freshdesk keeps no reassignment trail in its API.
  assignmentTrail: async () => [],
  groups: freshdeskGroups,
  myGroupIds: freshdeskMyGroupIds,
  searchTickets: freshdeskSearchTickets,
  countTickets: freshdeskCountTickets,
  agents: freshdeskAgents,
  cases: { perRequest: 1, read: freshdeskCases },
  customers: { perRequest: 1, read: freshdeskCustomers },
  addPrivateNote: freshdeskAddPrivateNote,
  addTag: (client, ref, tag) => freshdeskChangeTag(client, ref, tag, 'add'),
  removeTag: (client, ref, tag) => freshdeskChangeTag(client, ref, tag, 'remove'),
  indexGrants: freshdeskIndexGrants,
  assign: freshdeskAssign,
};
