export const TICKET_STATUSES = ['open', 'pending', 'solved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/**
 * open → pending → solved → closed, with solved and closed tickets sometimes
 * reopened; each move weighted so tickets go forward far more often than back.
 */
export const TICKET_TRANSITIONS: Readonly<Record<TicketStatus, ReadonlyArray<readonly [weight: number, to: TicketStatus]>>> = {
  open: [
    [3, 'pending'],
    [2, 'solved'],
  ],
  pending: [
    [1, 'open'],
    [3, 'solved'],
  ],
  solved: [
    [5, 'closed'],
    [1, 'open'],
  ],
  closed: [[1, 'open']],
};

export function isAllowedTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TICKET_TRANSITIONS[from].some(([, allowed]) => allowed === to);
}
