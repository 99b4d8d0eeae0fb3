import { PERMIT_ACTIONS, PERMIT_STATUSES, PERMIT_TRANSITIONS, transition, type PermitAction, type PermitStatus } from './permitLifecycle';

const LEGAL: [PermitAction, PermitStatus, PermitStatus][] = [
  ['review', 'APPLIED', 'UNDER_REVIEW'],
  ['approve', 'UNDER_REVIEW', 'APPROVED'],
  ['reject', 'UNDER_REVIEW', 'REJECTED'],
  ['passInspection', 'APPROVED', 'INSPECTION_PASSED'],
  ['failInspection', 'APPROVED', 'APPROVED'],
  ['close', 'INSPECTION_PASSED', 'CLOSED'],
];

describe('permit lifecycle', () => {
  it.each(LEGAL)('%s moves %s to %s', (action, from, to) => {
    expect(transition({ id: 'PM-1', status: from }, action)).toBe(to);
  });

  const illegal = PERMIT_ACTIONS.flatMap((action) =>
    PERMIT_STATUSES.filter((status) => !LEGAL.some(([a, from]) => a === action && from === status)).map(
      (status) => [action, status] as const,
    ),
  );

  it.each(illegal)('%s from %s is CONFLICT', (action, status) => {
    expect(() => transition({ id: 'PM-1', status }, action)).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: expect.stringMatching(/^CONFLICT: permit PM-1 is /) }),
    );
  });

  it('has exactly the legal moves of the table above', () => {
    const table = Object.entries(PERMIT_TRANSITIONS).flatMap(([action, moves]) =>
      Object.entries(moves).map(([from, to]) => [action, from, to]),
    );
    expect(table.sort()).toEqual([...LEGAL].sort());
    expect(illegal).toHaveLength(PERMIT_ACTIONS.length * PERMIT_STATUSES.length - LEGAL.length);
  });

  it('REJECTED and CLOSED are final', () => {
    for (const action of PERMIT_ACTIONS) {
      expect(PERMIT_TRANSITIONS[action].REJECTED).toBeUndefined();
      expect(PERMIT_TRANSITIONS[action].CLOSED).toBeUndefined();
    }
  });
});
