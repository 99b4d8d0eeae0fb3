import { auditor, FakeLedger, healthOfficer, Msp, publicWorksOfficer, registryClerk as clerk, registryRegistrar as registrar } from '@city-ledger/chaincode-common/testing';
import { Role } from '@city-ledger/chaincode-common';
import type { BallotHistory, BudgetRound, ReceiptCheck } from '@city-ledger/domain';
import { BudgetingContract, ADMISSION_TRANSIENT_KEY } from './budgeting';
import { CLOSES, credential, governanceLedger, nullifierOf, receiptOf, roundInput } from './testing/fixtures';

const budgeting = new BudgetingContract();
const CREDENTIALS = [credential('CRED-A', 'CIT-A'), credential('CRED-B', 'CIT-B'), credential('CRED-C', 'CIT-C')];

const ballot = (voter: string, choices: string[], receipt = voter) => JSON.stringify({ nullifier: nullifierOf(voter), choices, receiptHash: receiptOf(receipt) });
const batch = (list: unknown[]) => ({ [ADMISSION_TRANSIENT_KEY]: { voters: list } });
const voters = (...names: string[]) => batch(names.map((n) => ({ credentialId: `CRED-${n}`, nullifier: nullifierOf(n) })));

/** A ledger with round PB-1 open and voters A, B and C admitted. */
async function openRound(): Promise<FakeLedger> {
  const { ledger } = governanceLedger({ credentials: CREDENTIALS });
  await ledger.invoke(budgeting, 'openRound', clerk, [JSON.stringify(roundInput())]);
  await ledger.invoke(budgeting, 'admitVoters', registrar, ['PB-1'], voters('A', 'B', 'C'));
  return ledger;
}

async function refused(ledger: FakeLedger, fn: string, caller: Parameters<FakeLedger['invoke']>[2], args: string[], code: string, transient?: Record<string, unknown>) {
  const before = ledger.snapshot();
  await expect(ledger.invoke(budgeting, fn, caller, args, transient)).rejects.toMatchObject({ code });
  expect(ledger.snapshot()).toBe(before);
}

describe('budgeting: a round', () => {
  it('opens, admits, takes ballots (a replacement counts once), closes with the tally, and answers receipts without the choice', async () => {
    const ledger = await openRound();
    const first = await ledger.invoke<ReceiptCheck>(budgeting, 'castBallot', clerk, ['PB-1', ballot('A', ['PARK'], 'A1')]);
    expect(first.result).toEqual({ roundId: 'PB-1', receiptHash: receiptOf('A1'), status: 'CAST', castAt: first.timestamp });
    expect(first.payload).not.toContain('PARK');
    expect(first.event).toMatchObject({ name: 'budget.ballot.cast', payload: { roundId: 'PB-1' } });
    expect(JSON.stringify(first.event)).not.toContain(nullifierOf('A'));
    await ledger.invoke(budgeting, 'castBallot', clerk, ['PB-1', ballot('B', ['PARK', 'LIB'])]);
    await ledger.invoke(budgeting, 'castBallot', registrar, ['PB-1', ballot('A', ['BIKE', 'LIB'], 'A2')]);
    ledger.setTime(CLOSES);
    const closed = await ledger.invoke<BudgetRound>(budgeting, 'closeRound', clerk, ['PB-1']);
    expect(closed.result).toMatchObject({ status: 'CLOSED', admitted: 3, closedAt: closed.timestamp });
    // A's replacement counts, A's first ballot does not: LIB 2, PARK 1, BIKE 1. LIB (30k) then BIKE (50k, cheaper than PARK) fit 100k.
    expect(closed.result.tally).toEqual({
      ballots: 2,
      approvals: [
        { projectId: 'PARK', approvals: 1 },
        { projectId: 'BIKE', approvals: 1 },
        { projectId: 'LIB', approvals: 2 },
      ],
      funded: ['LIB', 'BIKE'],
      fundedCost: 80_000,
    });
    expect(closed.event).toMatchObject({ name: 'budget.round.closed', payload: { ballots: 2, funded: ['LIB', 'BIKE'] } });
    const check = async (receipt: string) => (await ledger.evaluate<ReceiptCheck>(budgeting, 'checkReceipt', auditor, ['PB-1', receiptOf(receipt)])).result.status;
    expect(await check('A1')).toBe('REPLACED');
    expect(await check('A2')).toBe('COUNTED');
    expect(await check('B')).toBe('COUNTED');
    await expect(ledger.evaluate(budgeting, 'checkReceipt', auditor, ['PB-1', receiptOf('nobody')])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const history = await ledger.evaluate<BallotHistory[]>(budgeting, 'getBallotHistory', auditor, ['PB-1']);
    const a = history.result.find((h) => h.nullifier === nullifierOf('A'));
    expect(a?.versions.map((v) => [v.ballot.version, v.ballot.choices])).toEqual([[1, ['PARK']], [2, ['BIKE', 'LIB']]]);
    expect(history.result).toHaveLength(2);
    // The public state names nullifiers and credentials, never which credential has which nullifier.
    const round = await ledger.evaluate<BudgetRound>(budgeting, 'getRound', auditor, ['PB-1']);
    expect(round.result).toEqual(closed.result);
  });

  it('reports CAST for a receipt while the round is open', async () => {
    const ledger = await openRound();
    await ledger.invoke(budgeting, 'castBallot', clerk, ['PB-1', ballot('C', [])]);
    const check = await ledger.evaluate<ReceiptCheck>(budgeting, 'checkReceipt', auditor, ['PB-1', receiptOf('C')]);
    expect(check.result.status).toBe('CAST');
  });

  it('closes a round without ballots: nothing funded', async () => {
    const ledger = await openRound();
    ledger.setTime(CLOSES);
    const closed = await ledger.invoke<BudgetRound>(budgeting, 'closeRound', registrar, ['PB-1']);
    expect(closed.result.tally).toMatchObject({ ballots: 0, funded: [], fundedCost: 0 });
    expect(await ledger.evaluate(budgeting, 'getBallotHistory', auditor, ['PB-1'])).toMatchObject({ result: [] });
  });
});

describe('budgeting: openRound', () => {
  it.each([
    ['not JSON', '{'],
    ['no projects', JSON.stringify(roundInput({ projects: [] }))],
    ['a zero cost', JSON.stringify(roundInput({ projects: [{ id: 'X', title: 'x', cost: 0, department: 'Registry' }] }))],
    ['a fractional budget', JSON.stringify(roundInput({ budget: 10.5 }))],
    ['an unknown credential type', JSON.stringify({ ...roundInput(), eligibility: { credentialType: 'library' } })],
    ['closesAt before opensAt', JSON.stringify(roundInput({ closesAt: '2024-12-31T00:00:00Z' }))],
    ['closesAt already past', JSON.stringify(roundInput({ opensAt: '2024-01-01T00:00:00Z', closesAt: '2024-06-01T00:00:00Z' }))],
    ['a project twice', JSON.stringify(roundInput({ projects: [...roundInput().projects, ...roundInput().projects] }))],
    ['a project of no department', JSON.stringify(roundInput({ projects: [{ id: 'X', title: 'x', cost: 1, department: 'Auditor' }] }))],
  ])('refuses %s with INVALID_ARGUMENT', async (_, json) => {
    await refused(new FakeLedger(), 'openRound', clerk, [json], 'INVALID_ARGUMENT');
  });

  it('refuses a round ID twice with CONFLICT', async () => {
    const ledger = await openRound();
    await refused(ledger, 'openRound', clerk, [JSON.stringify(roundInput())], 'CONFLICT');
  });

  it.each([
    ['the Auditor', auditor],
    ['a department without the budget remit', publicWorksOfficer],
    ['a Registry officer (role not granted)', { msp: Msp.Registry, role: Role.Officer }],
  ])('refuses %s with FORBIDDEN', async (_, who) => {
    await refused(new FakeLedger(), 'openRound', who, [JSON.stringify(roundInput())], 'FORBIDDEN');
  });

  it('sets the round key-level policy to the budget departments', async () => {
    const ledger = await openRound();
    const key = ledger.keys().find((k) => k.includes('budgetRound')) as string;
    expect(ledger.keyEndorsers(key)).toEqual([Msp.Registry]);
  });
});

describe('budgeting: admitVoters', () => {
  async function withRound(credentials = CREDENTIALS) {
    const { ledger, calls } = governanceLedger({ credentials });
    await ledger.invoke(budgeting, 'openRound', clerk, [JSON.stringify(roundInput())]);
    return { ledger, calls };
  }

  it('checks each credential in identity and keeps the pairs out of the event and the answer', async () => {
    const { ledger, calls } = await withRound();
    const { result, event, payload } = await ledger.invoke(budgeting, 'admitVoters', registrar, ['PB-1'], voters('A', 'B'));
    expect(result).toEqual({ roundId: 'PB-1', admitted: 2 });
    expect(calls).toEqual([['credentials:getCredential', 'CRED-A'], ['credentials:getCredential', 'CRED-B']]);
    expect(event).toMatchObject({ name: 'budget.voters.admitted', payload: { roundId: 'PB-1', count: 2 } });
    for (const text of [payload, JSON.stringify(event)]) expect(text).not.toContain(nullifierOf('A'));
  });

  it.each([
    ['suspended', credential('CRED-A', 'CIT-A', { status: 'SUSPENDED' })],
    ['revoked', credential('CRED-A', 'CIT-A', { status: 'REVOKED' })],
    ['expired', credential('CRED-A', 'CIT-A', { validUntil: '2024-06-01T00:00:00Z' })],
    ['not yet valid', credential('CRED-A', 'CIT-A', { validFrom: '2026-01-01T00:00:00Z' })],
    ['of another type', credential('CRED-A', 'CIT-A', { type: 'healthCredential' })],
  ])('refuses a %s credential with FAILED_PRECONDITION', async (_, c) => {
    const { ledger } = await withRound([c]);
    await refused(ledger, 'admitVoters', registrar, ['PB-1'], 'FAILED_PRECONDITION', voters('A'));
  });

  it('refuses an unknown credential with NOT_FOUND, and an unreadable answer with FAILED_PRECONDITION', async () => {
    const { ledger } = await withRound([]);
    await refused(ledger, 'admitVoters', registrar, ['PB-1'], 'NOT_FOUND', voters('A'));
    ledger.registerChaincode('identity', () => ({ id: 'CRED-other' }));
    await refused(ledger, 'admitVoters', registrar, ['PB-1'], 'FAILED_PRECONDITION', voters('A'));
    ledger.registerChaincode('identity', () => 'not json');
    await refused(ledger, 'admitVoters', registrar, ['PB-1'], 'FAILED_PRECONDITION', voters('A'));
    ledger.registerChaincode('identity', () => {
      throw new Error('FORBIDDEN: no');
    });
    await refused(ledger, 'admitVoters', registrar, ['PB-1'], 'FAILED_PRECONDITION', voters('A'));
  });

  it('refuses a department that did not issue the credential with FORBIDDEN', async () => {
    const { ledger } = await withRound();
    await refused(ledger, 'admitVoters', healthOfficer, ['PB-1'], 'FORBIDDEN', voters('A'));
    await refused(ledger, 'admitVoters', auditor, ['PB-1'], 'FORBIDDEN', voters('A'));
  });

  it('admits a holder, a credential and a nullifier once (CONFLICT)', async () => {
    const { ledger } = await withRound([...CREDENTIALS, credential('CRED-A2', 'CIT-A')]);
    await ledger.invoke(budgeting, 'admitVoters', registrar, ['PB-1'], voters('A'));
    await refused(ledger, 'admitVoters', registrar, ['PB-1'], 'CONFLICT', voters('A'));
    // The same citizen through a second credential.
    await refused(ledger, 'admitVoters', registrar, ['PB-1'], 'CONFLICT', batch([{ credentialId: 'CRED-A2', nullifier: nullifierOf('A2') }]));
    // A fresh credential with a nullifier already admitted.
    await refused(ledger, 'admitVoters', registrar, ['PB-1'], 'CONFLICT', batch([{ credentialId: 'CRED-B', nullifier: nullifierOf('A') }]));
    // Two credentials of one citizen in one batch.
    const { ledger: fresh } = await withRound([credential('CRED-X', 'CIT-X'), credential('CRED-Y', 'CIT-X')]);
    await refused(fresh, 'admitVoters', registrar, ['PB-1'], 'CONFLICT', batch([{ credentialId: 'CRED-X', nullifier: nullifierOf('X') }, { credentialId: 'CRED-Y', nullifier: nullifierOf('Y') }]));
  });

  it.each([
    ['no voters field', undefined],
    ['an empty list', batch([])],
    ['a list, not an object', { [ADMISSION_TRANSIENT_KEY]: [] }],
    ['a bad nullifier', batch([{ credentialId: 'CRED-A', nullifier: 'abc' }])],
    ['a nullifier twice', batch([{ credentialId: 'CRED-A', nullifier: nullifierOf('A') }, { credentialId: 'CRED-B', nullifier: nullifierOf('A') }])],
    ['a credential twice', batch([{ credentialId: 'CRED-A', nullifier: nullifierOf('A') }, { credentialId: 'CRED-A', nullifier: nullifierOf('B') }])],
  ])('refuses %s with INVALID_ARGUMENT', async (_, transient) => {
    const { ledger } = await withRound();
    await refused(ledger, 'admitVoters', registrar, ['PB-1'], 'INVALID_ARGUMENT', transient);
  });

  it('refuses admission to an unknown round (NOT_FOUND) and after closesAt (FAILED_PRECONDITION)', async () => {
    const { ledger } = await withRound();
    await refused(ledger, 'admitVoters', registrar, ['PB-9'], 'NOT_FOUND', voters('A'));
    ledger.setTime(CLOSES);
    await refused(ledger, 'admitVoters', registrar, ['PB-1'], 'FAILED_PRECONDITION', voters('A'));
  });
});

describe('budgeting: castBallot', () => {
  it('refuses a nullifier that was never admitted (not eligible) with FORBIDDEN', async () => {
    const ledger = await openRound();
    await refused(ledger, 'castBallot', clerk, ['PB-1', ballot('Z', ['LIB'])], 'FORBIDDEN');
  });

  it('refuses a department other than the admitting one with FORBIDDEN, and the Auditor', async () => {
    const ledger = await openRound();
    await refused(ledger, 'castBallot', healthOfficer, ['PB-1', ballot('A', ['LIB'])], 'FORBIDDEN');
    await refused(ledger, 'castBallot', auditor, ['PB-1', ballot('A', ['LIB'])], 'FORBIDDEN');
  });

  it('refuses a ballot after closesAt and after close, and before opensAt, with FAILED_PRECONDITION', async () => {
    const { ledger } = governanceLedger({ credentials: CREDENTIALS });
    await ledger.invoke(budgeting, 'openRound', clerk, [JSON.stringify(roundInput({ opensAt: '2025-01-01T00:30:00Z' }))]);
    await ledger.invoke(budgeting, 'admitVoters', registrar, ['PB-1'], voters('A'));
    await refused(ledger, 'castBallot', clerk, ['PB-1', ballot('A', ['LIB'])], 'FAILED_PRECONDITION');
    ledger.setTime(CLOSES);
    await refused(ledger, 'castBallot', clerk, ['PB-1', ballot('A', ['LIB'])], 'FAILED_PRECONDITION');
    await ledger.invoke(budgeting, 'closeRound', clerk, ['PB-1']);
    await refused(ledger, 'castBallot', clerk, ['PB-1', ballot('A', ['LIB'])], 'FAILED_PRECONDITION');
  });

  it.each([
    ['choices over the budget', ballot('A', ['PARK', 'BIKE'])],
    ['an unknown project', ballot('A', ['POOL'])],
    ['a project twice', ballot('A', ['LIB', 'LIB'])],
    ['a bad receipt hash', JSON.stringify({ nullifier: nullifierOf('A'), choices: [], receiptHash: 'x' })],
    ['an extra field', JSON.stringify({ nullifier: nullifierOf('A'), choices: [], receiptHash: receiptOf('A'), citizenId: 'CIT-A' })],
    ['not JSON', '['],
  ])('refuses %s with INVALID_ARGUMENT', async (_, json) => {
    const ledger = await openRound();
    await refused(ledger, 'castBallot', clerk, ['PB-1', json], 'INVALID_ARGUMENT');
  });

  it('refuses a receipt hash used before with CONFLICT, and an unknown round with NOT_FOUND', async () => {
    const ledger = await openRound();
    await ledger.invoke(budgeting, 'castBallot', clerk, ['PB-1', ballot('A', ['LIB'], 'R')]);
    await refused(ledger, 'castBallot', clerk, ['PB-1', ballot('B', ['LIB'], 'R')], 'CONFLICT');
    await refused(ledger, 'castBallot', clerk, ['PB-9', ballot('A', ['LIB'])], 'NOT_FOUND');
  });

  it('sets the ballot key-level policy to the admitting department', async () => {
    const ledger = await openRound();
    await ledger.invoke(budgeting, 'castBallot', clerk, ['PB-1', ballot('A', ['LIB'])]);
    const key = ledger.keys().find((k) => k.startsWith('\u0000ballot\u0000')) as string;
    expect(ledger.keyEndorsers(key)).toEqual([Msp.Registry]);
  });
});

describe('budgeting: closeRound and reads', () => {
  it('refuses to close before closesAt and twice (FAILED_PRECONDITION), and callers without the budget remit (FORBIDDEN)', async () => {
    const ledger = await openRound();
    await refused(ledger, 'closeRound', clerk, ['PB-1'], 'FAILED_PRECONDITION');
    ledger.setTime(CLOSES);
    await refused(ledger, 'closeRound', publicWorksOfficer, ['PB-1'], 'FORBIDDEN');
    await refused(ledger, 'closeRound', auditor, ['PB-1'], 'FORBIDDEN');
    await ledger.invoke(budgeting, 'closeRound', clerk, ['PB-1']);
    await refused(ledger, 'closeRound', clerk, ['PB-1'], 'FAILED_PRECONDITION');
    await refused(ledger, 'closeRound', clerk, ['PB-9'], 'NOT_FOUND');
  });

  it('answers NOT_FOUND and INVALID_ARGUMENT on reads', async () => {
    const ledger = await openRound();
    await expect(ledger.evaluate(budgeting, 'getRound', auditor, ['PB-9'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ledger.evaluate(budgeting, 'getBallotHistory', auditor, ['PB-9'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ledger.evaluate(budgeting, 'checkReceipt', auditor, ['PB-1', 'zz'])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(ledger.evaluate(budgeting, 'getRound', auditor, ['PB 1'])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
