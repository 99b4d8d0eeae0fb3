/**
 * The permit state machine:
 *
 * ```
 * apply -> APPLIED --review--> UNDER_REVIEW --approve--> APPROVED --inspect(PASSED)--> INSPECTION_PASSED --close--> CLOSED
 *                                          \--reject---> REJECTED (final)
 *                                   APPROVED --inspect(FAILED)--> APPROVED (re-inspect later)
 * ```
 *
 * Any other move is CONFLICT (the issue asks for CONFLICT, not FAILED_PRECONDITION): the
 * request collides with the permit's current state.
 *
 * @example
 * ```ts
 * const next = transition(permit, 'approve');   // 'APPROVED', or throws CONFLICT
 * ```
 */
import { conflict } from '@city-ledger/chaincode-common';
import type { PermitStatus } from '@city-ledger/domain';

export { PERMIT_STATUSES, type PermitStatus } from '@city-ledger/domain';

/** Statuses in which the permit has been approved and not revoked: what logistics requires. */
export const APPROVED_OR_LATER: readonly PermitStatus[] = ['APPROVED', 'INSPECTION_PASSED', 'CLOSED'];

/** Actions that move an existing permit. */
export const PERMIT_ACTIONS = ['review', 'approve', 'reject', 'passInspection', 'failInspection', 'close'] as const;
export type PermitAction = (typeof PERMIT_ACTIONS)[number];

/** The legal moves: action -> (from status -> to status). */
export const PERMIT_TRANSITIONS: Readonly<Record<PermitAction, Readonly<Partial<Record<PermitStatus, PermitStatus>>>>> = {
  review: { APPLIED: 'UNDER_REVIEW' },
  approve: { UNDER_REVIEW: 'APPROVED' },
  reject: { UNDER_REVIEW: 'REJECTED' },
  passInspection: { APPROVED: 'INSPECTION_PASSED' },
  failInspection: { APPROVED: 'APPROVED' },
  close: { INSPECTION_PASSED: 'CLOSED' },
};

/** The status after `action`, or CONFLICT when `action` is not allowed in the permit's status. */
export function transition(permit: { id: string; status: PermitStatus }, action: PermitAction): PermitStatus {
  const next = PERMIT_TRANSITIONS[action][permit.status];
  if (next === undefined) {
    const allowed = Object.keys(PERMIT_TRANSITIONS[action]).join(', ');
    throw conflict(`permit ${permit.id} is ${permit.status}; ${action} requires ${allowed}`);
  }
  return next;
}
