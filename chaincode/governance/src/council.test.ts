import { auditor, FakeLedger, Msp, publicWorksOfficer, registryClerk as clerk } from '@city-ledger/chaincode-common/testing';
import { sha256Hex, type Decision, type DocumentCheck } from '@city-ledger/domain';
import { CouncilContract } from './council';

const council = new CouncilContract();
const DOCUMENT = 'Resolution 2026-14: the pocket park on Elm Street is approved.';
const decision = (o: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: 'DEC-1',
    motion: 'Approve the pocket park',
    documentHash: sha256Hex(DOCUMENT),
    votes: [
      { member: 'Councillor Ada', vote: 'YES' },
      { member: 'Councillor Alan', vote: 'NO' },
      { member: 'Councillor Grace', vote: 'YES' },
      { member: 'Councillor Edsger', vote: 'ABSTAIN' },
    ],
    ...o,
  });

describe('council decisions', () => {
  it('records the votes and derives the outcome; a document is checked against the recorded hash', async () => {
    const ledger = new FakeLedger();
    const { result, event } = await ledger.invoke<Decision>(council, 'recordDecision', clerk, [decision()]);
    expect(result).toMatchObject({ id: 'DEC-1', outcome: 'ADOPTED', yes: 2, no: 1, abstain: 1, recordedBy: Msp.Registry });
    expect(event).toMatchObject({ name: 'council.decision.recorded', payload: { decisionId: 'DEC-1', outcome: 'ADOPTED' } });
    const key = ledger.keys().find((k) => k.includes('councilDecision')) as string;
    expect(ledger.keyEndorsers(key)).toEqual([Msp.Registry]);
    const match = await ledger.evaluate<DocumentCheck>(council, 'checkDocument', auditor, ['DEC-1', sha256Hex(DOCUMENT)]);
    expect(match.result).toEqual({ decisionId: 'DEC-1', result: 'MATCH', recordedHash: sha256Hex(DOCUMENT), presentedHash: sha256Hex(DOCUMENT) });
    const changed = await ledger.evaluate<DocumentCheck>(council, 'checkDocument', auditor, ['DEC-1', sha256Hex(`${DOCUMENT} `)]);
    expect(changed.result.result).toBe('MISMATCH');
    expect((await ledger.evaluate(council, 'getDecision', auditor, ['DEC-1'])).result).toEqual(result);
  });

  it('rejects a motion without more YES than NO', async () => {
    const ledger = new FakeLedger();
    const { result } = await ledger.invoke<Decision>(council, 'recordDecision', clerk, [decision({ votes: [{ member: 'A', vote: 'YES' }, { member: 'B', vote: 'NO' }] })]);
    expect(result.outcome).toBe('REJECTED');
  });

  it.each([
    ['CONFLICT', 'a decision recorded twice', clerk, decision()],
    ['INVALID_ARGUMENT', 'a member voting twice', clerk, decision({ id: 'DEC-2', votes: [{ member: 'A', vote: 'YES' }, { member: 'A', vote: 'NO' }] })],
    ['INVALID_ARGUMENT', 'a bad hash', clerk, decision({ id: 'DEC-2', documentHash: 'abc' })],
    ['INVALID_ARGUMENT', 'no votes', clerk, decision({ id: 'DEC-2', votes: [] })],
    ['INVALID_ARGUMENT', 'an unknown vote', clerk, decision({ id: 'DEC-2', votes: [{ member: 'A', vote: 'MAYBE' }] })],
    ['FORBIDDEN', 'the Auditor', auditor, decision({ id: 'DEC-2' })],
    ['FORBIDDEN', 'a department without the council remit', publicWorksOfficer, decision({ id: 'DEC-2' })],
  ])('refuses with %s: %s, changing nothing', async (code, _, who, json) => {
    const ledger = new FakeLedger();
    await ledger.invoke(council, 'recordDecision', clerk, [decision()]);
    const before = ledger.snapshot();
    await expect(ledger.invoke(council, 'recordDecision', who, [json])).rejects.toMatchObject({ code });
    expect(ledger.snapshot()).toBe(before);
  });

  it('answers NOT_FOUND and INVALID_ARGUMENT on reads', async () => {
    const ledger = new FakeLedger();
    await expect(ledger.evaluate(council, 'getDecision', auditor, ['DEC-9'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ledger.evaluate(council, 'checkDocument', auditor, ['DEC-9', sha256Hex('x')])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ledger.evaluate(council, 'checkDocument', auditor, ['DEC-9', 'x'])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
