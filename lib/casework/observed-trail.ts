import type { AssignmentChange, Case } from '../domain/model';

const FIELDS = [
  ['assignee', (c: Case) => c.assigneeId],
  ['group', (c: Case) => c.groupId],
] as const;

/**
 * The reassignments Frontline saw, for a helpdesk that keeps no trail (Freshdesk): each
 * read of the ticket whose assignee or group differs from the last one seen adds a change
 * dated the ticket's `updated_at` (the change happened then or earlier: an upper bound). The
 * first read records what it found with `from: null`. Pure: the sync keeps the result.
 */
export const observeAssignment = (trail: readonly AssignmentChange[], item: Case): AssignmentChange[] => {
  const seen = trail.filter((c) => c.seen);
  const added = FIELDS.flatMap(([field, read]): AssignmentChange[] => {
    const now = read(item);
    const last = seen.filter((c) => c.field === field).at(-1);
    if (last ? last.to === now : now === null) return [];
    return [
      {
        ticket: item.ref,
        at: item.updatedAt,
        authorId: null,
        field,
        from: last?.to ?? null,
        to: now,
        seen: true,
      },
    ];
  });
  return [...seen, ...added];
};
