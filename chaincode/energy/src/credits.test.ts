import { auditor, FakeLedger, healthOfficer, publicWorksClerk as clerk, publicWorksInspector, publicWorksOfficer as officer } from '@city-ledger/chaincode-common/testing';
import type { CreditAccount, CreditEntry, CreditReceipt } from '@city-ledger/domain';
import { applyCredits } from './accounts';
import { CreditsContract } from './credits';
import { energyLedger } from './testing/fakeDevices';

const credits = new CreditsContract();
const movement = (accountId: string, amountCents: number) => ({ accountId, amountCents, reference: 'REF-1' });
const transfer = (from: string, to: string, amountCents: number) => ({ from, to, amountCents, reference: 'rent share' });
/** The transient name each function reads its request from. */
const TRANSIENT: Record<string, string> = { deposit: 'deposit', withdraw: 'withdrawal', transfer: 'transfer' };

async function balance(ledger: FakeLedger, accountId: string): Promise<number> {
  return (await ledger.evaluate<CreditAccount>(credits, 'getAccount', clerk, [accountId])).result.balanceCents;
}

describe('credits: the city energy credit', () => {
  it('deposits, transfers and withdraws, keeping a history, and answers only receipts', async () => {
    const { ledger } = energyLedger();
    const { result, event, payload } = await ledger.invoke<CreditReceipt>(credits, 'deposit', clerk, [], { deposit: movement('CIT-1', 1000) });
    expect(result).toMatchObject({ kind: 'DEPOSIT' });
    expect(event).toMatchObject({ name: 'EnergyCreditMoved', payload: { kind: 'DEPOSIT' } });
    for (const text of [payload, JSON.stringify(event)]) {
      expect(text).not.toContain('CIT-1');
      expect(text).not.toContain('1000');
    }
    await ledger.invoke(credits, 'transfer', officer, [], { transfer: transfer('CIT-1', 'CIT-2', 300) });
    await ledger.invoke(credits, 'withdraw', clerk, [], { withdrawal: movement('CIT-2', 100) });
    expect(await balance(ledger, 'CIT-1')).toBe(700);
    expect(await balance(ledger, 'CIT-2')).toBe(200);
    expect(await balance(ledger, 'CIT-3')).toBe(0);
    const history = (await ledger.evaluate<CreditEntry[]>(credits, 'getAccountHistory', clerk, ['CIT-2'])).result;
    expect(history.map((e) => [e.kind, e.amountCents, e.balanceCents, e.reference])).toEqual([
      ['TRANSFER', 300, 300, 'from CIT-1: rent share'],
      ['WITHDRAWAL', -100, 200, 'REF-1'],
    ]);
  });

  it('refuses to take any balance below zero with CONFLICT, changing nothing', async () => {
    const { ledger } = energyLedger();
    await ledger.invoke(credits, 'deposit', clerk, [], { deposit: movement('CIT-1', 100) });
    const before = ledger.snapshot();
    await expect(ledger.invoke(credits, 'transfer', clerk, [], { transfer: transfer('CIT-1', 'CIT-2', 101) })).rejects.toMatchObject({ code: 'CONFLICT', message: 'CONFLICT: account CIT-1 holds 100 cents; 101 needed' });
    await expect(ledger.invoke(credits, 'withdraw', clerk, [], { withdrawal: movement('CIT-2', 1) })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(ledger.snapshot()).toBe(before);
  });

  it('refuses one change naming an account twice (a programming error)', async () => {
    const { ledger } = energyLedger();
    const change = { accountId: 'CIT-1', amountCents: 1, reference: 'r' };
    await expect(ledger.transact(clerk, (ctx) => applyCredits(ctx, 'DEPOSIT', [change, change]))).rejects.toThrow(/appears twice/);
  });

  it.each([
    ['a transfer to the same account', 'transfer', transfer('CIT-1', 'CIT-1', 1)],
    ['a zero amount', 'deposit', movement('CIT-1', 0)],
    ['a fractional amount', 'deposit', movement('CIT-1', 1.5)],
    ['an unknown field', 'deposit', { accountId: 'CIT-1', amountCents: 1, reference: 'r', extra: 1 }],
    ['no transient request', 'deposit', undefined],
    ['a bad account ID', 'withdraw', movement('CIT 1', 1)],
  ])('refuses %s with INVALID_ARGUMENT', async (_, fn, arg) => {
    const { ledger } = energyLedger();
    await expect(ledger.invoke(credits, fn, clerk, [], arg === undefined ? {} : { [TRANSIENT[fn] as string]: arg })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(ledger.snapshot()).toBe(energyLedger().ledger.snapshot());
  });

  it.each([
    ['a Health officer', healthOfficer],
    ['a Public Works inspector', publicWorksInspector],
    ['the Auditor', auditor],
  ])('refuses %s every function (FORBIDDEN)', async (_, who) => {
    const { ledger } = energyLedger();
    await expect(ledger.invoke(credits, 'deposit', who, [], { deposit: movement('CIT-1', 1) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(ledger.invoke(credits, 'transfer', who, [], { transfer: transfer('CIT-1', 'CIT-2', 1) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(ledger.evaluate(credits, 'getAccount', who, ['CIT-1'])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(ledger.evaluate(credits, 'getAccountHistory', who, ['CIT-1'])).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
