import { sha256Hex, tallyBallots, type Ballot, type BudgetRound } from '@city-ledger/domain';
import { AuditError } from './errors';
import { recountRound } from './recount';
import { fakeReader } from './testing/fakeReader';

const projects = [
  { id: 'PARK', title: 'Park', cost: 60, department: 'PublicWorks' },
  { id: 'LIB', title: 'Library', cost: 30, department: 'Registry' },
];
const base = { id: 'PB-1', title: 'Round', budget: 100, projects, opensAt: '2026-01-01T00:00:00Z', closesAt: '2026-01-02T00:00:00Z', eligibility: { credentialType: 'residency' as const } };
const ballot = (voter: string, choices: string[], castAt: string, version = 1): Ballot => ({ roundId: 'PB-1', nullifier: sha256Hex(voter), choices, receiptHash: sha256Hex(`r${voter}${version}`), castAt, version });
const version = (b: Ballot) => ({ txId: sha256Hex(b.receiptHash), timestamp: b.castAt, ballot: b });

// A replaced ballot, one more, and a version after closesAt that must not count.
const A1 = ballot('A', ['PARK'], '2026-01-01T01:00:00.000Z');
const A2 = ballot('A', ['LIB'], '2026-01-01T02:00:00.000Z', 2);
const B1 = ballot('B', ['LIB', 'PARK'], '2026-01-01T03:00:00.000Z');
const late = ballot('B', ['PARK'], '2026-01-02T00:00:00.000Z', 2);
const HISTORY = [
  { nullifier: A1.nullifier, versions: [version(A1), version(A2)] },
  { nullifier: B1.nullifier, versions: [version(B1), version(late)] },
];

function closed(tally = tallyBallots(base, [A2, B1])): BudgetRound {
  return { ...base, status: 'CLOSED', openedBy: 'RegistryMSP', openedAt: '2026-01-01T00:00:00.000Z', admitted: 2, closedAt: '2026-01-02T00:00:01.000Z', tally };
}

describe('recountRound', () => {
  it('agrees with a tally of the last in-window version of each nullifier', async () => {
    const reader = fakeReader({ 'governance budgeting:getRound PB-1': closed(), 'governance budgeting:getBallotHistory PB-1': HISTORY });
    const recount = await recountRound(reader, 'PB-1');
    expect(recount).toMatchObject({ roundId: 'PB-1', result: 'AGREES', versionsRead: 4 });
    expect(recount.recounted.approvals).toEqual([{ projectId: 'PARK', approvals: 1 }, { projectId: 'LIB', approvals: 2 }]);
  });

  it('disagrees with a published tally that differs', async () => {
    const wrong = { ...tallyBallots(base, [A2, B1]), funded: ['PARK'] };
    const reader = fakeReader({ 'governance budgeting:getRound PB-1': closed(wrong), 'governance budgeting:getBallotHistory PB-1': HISTORY });
    await expect(recountRound(reader, 'PB-1')).resolves.toMatchObject({ result: 'DISAGREES' });
  });

  it('refuses an open round and unreadable answers with INVALID_ARGUMENT', async () => {
    const open = fakeReader({ 'governance budgeting:getRound PB-1': { ...base, status: 'OPEN', openedBy: 'RegistryMSP', openedAt: '2026-01-01T00:00:00.000Z', admitted: 0 } });
    await expect(recountRound(open, 'PB-1')).rejects.toEqual(new AuditError('INVALID_ARGUMENT', 'round PB-1 is not closed: there is no published tally to recount'));
    const bad = fakeReader({ 'governance budgeting:getRound PB-1': closed(), 'governance budgeting:getBallotHistory PB-1': [{ nullifier: 'x' }] });
    await expect(recountRound(bad, 'PB-1')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
