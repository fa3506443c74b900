import type { HelpdeskAdapter } from '../adapter';
import { freshdeskAllows } from './allow-list';
import {
  freshdeskAddPrivateNote,
  freshdeskAgents,
  freshdeskAssign,
  freshdeskCases,
  freshdeskChangeTag,
  freshdeskEntries,
  freshdeskGroups,
  freshdeskMe,
  freshdeskMyGroupIds,
  freshdeskTicket,
} from './api';
import { freshdeskHistory } from './history';
import { freshdeskTaggedSince } from './tagged';
import { matchFreshdeskUrl } from './url';

export const freshdeskAdapter: HelpdeskAdapter = {
  kind: 'freshdesk',
  match: matchFreshdeskUrl,
  allows: freshdeskAllows,
  me: freshdeskMe,
  ticket: freshdeskTicket,
  requesterHistory: freshdeskHistory,
  entries: freshdeskEntries,
  // Freshdesk keeps no reassignment trail in its API.
  assignmentTrail: async () => [],
  groups: freshdeskGroups,
  myGroupIds: freshdeskMyGroupIds,
  taggedSince: freshdeskTaggedSince,
  agents: freshdeskAgents,
  cases: { perRequest: 1, read: freshdeskCases },
  addPrivateNote: freshdeskAddPrivateNote,
  addTag: (client, ref, tag) => freshdeskChangeTag(client, ref, tag, 'add'),
  removeTag: (client, ref, tag) => freshdeskChangeTag(client, ref, tag, 'remove'),
  assign: freshdeskAssign,
};
