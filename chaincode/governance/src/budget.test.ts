import { auditor, FakeLedger, Msp, publicWorksOfficer, registryClerk as clerk, registryRegistrar as registrar } from '@city-ledger/chaincode-common/testing';
import type { Appropriation, AwardedContract, BudgetSummary, Payment } from '@city-ledger/domain';
import { BudgetContract } from './budget';
import { governanceLedger } from './testing/fixtures';

const budget = new BudgetContract();
const appropriation = (o: Record<string, unknown> = {}) => JSON.stringify({ id: 'APP-1', department: 'PublicWorks', fiscalYear: 2026, amount: 1_000_000, purpose: 'Road repairs', ...o });
const contract = (o: Record<string, unknown> = {}) => JSON.stringify({ id: 'CON-1', appropriationId: 'APP-1', supplierId: 'SUP-9', amount: 600_000, ...o });
const payment = (o: Record<string, unknown> = {}) => JSON.stringify({ id: 'PAY-1', contractId: 'CON-1', amount: 200_000, ...o });

async function refused(ledger: FakeLedger, fn: string, who: Parameters<FakeLedger['invoke']>[2], args: string[], code: string) {
  const before = ledger.snapshot();
  await expect(ledger.invoke(budget, fn, who, args)).rejects.toMatchObject({ code });
  expect(ledger.snapshot()).toBe(before);
}

/** APP-1 (1,000,000) with CON-1 (600,000) awarded against it. */
async function awarded(): Promise<FakeLedger> {
  const { ledger } = governanceLedger({ deliveries: ['D-1'] });
  await ledger.invoke(budget, 'appropriate', clerk, [appropriation()]);
  await ledger.invoke(budget, 'awardContract', registrar, [contract({ procurementId: 'D-1' })]);
  return ledger;
}

describe('budget: appropriations, contracts, payments', () => {
  it('tracks committed and spent, lists a contract\'s payments and sums spent against budgeted', async () => {
    const ledger = await awarded();
    await ledger.invoke(budget, 'appropriate', clerk, [appropriation({ id: 'APP-2', amount: 500_000 })]);
    await ledger.invoke(budget, 'appropriate', clerk, [appropriation({ id: 'APP-3', fiscalYear: 2027 })]);
    const first = await ledger.invoke<Payment>(budget, 'recordPayment', clerk, [payment()]);
    expect(first.result).toMatchObject({ id: 'PAY-1', appropriationId: 'APP-1', recordedBy: Msp.Registry });
    expect(first.event).toMatchObject({ name: 'budget.payment.recorded', payload: { paymentId: 'PAY-1', contractId: 'CON-1', amount: 200_000 } });
    await ledger.invoke(budget, 'recordPayment', clerk, [payment({ id: 'PAY-0', amount: 400_000 })]);
    const con = await ledger.evaluate<AwardedContract>(budget, 'getContract', auditor, ['CON-1']);
    expect(con.result).toMatchObject({ paid: 600_000, amount: 600_000, department: 'PublicWorks', fiscalYear: 2026, procurementId: 'D-1' });
    const app = await ledger.evaluate<Appropriation>(budget, 'getAppropriation', auditor, ['APP-1']);
    expect(app.result).toMatchObject({ amount: 1_000_000, committed: 600_000, spent: 600_000 });
    const payments = await ledger.evaluate<Payment[]>(budget, 'listContractPayments', auditor, ['CON-1']);
    expect(payments.result.map((p) => p.id)).toEqual(['PAY-1', 'PAY-0']);
    const summary = await ledger.evaluate<BudgetSummary>(budget, 'getBudgetSummary', auditor, ['PublicWorks', '2026']);
    expect(summary.result).toEqual({ department: 'PublicWorks', fiscalYear: 2026, appropriations: ['APP-1', 'APP-2'], budgeted: 1_500_000, committed: 600_000, spent: 600_000 });
    const none = await ledger.evaluate<BudgetSummary>(budget, 'getBudgetSummary', auditor, ['Health', '2026']);
    expect(none.result).toMatchObject({ appropriations: [], budgeted: 0, spent: 0 });
  });

  it('limits every budget record\'s next change to the budget departments', async () => {
    const ledger = await awarded();
    const keys = ['appropriation', 'contract'].flatMap((type) => ledger.keys(`\u0000${type}\u0000`));
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(ledger.keyEndorsers(key)).toEqual([Msp.Registry]);
  });

  it('refuses a payment above what is left of the contract with CONFLICT, changing nothing', async () => {
    const ledger = await awarded();
    await ledger.invoke(budget, 'recordPayment', clerk, [payment()]);
    await refused(ledger, 'recordPayment', clerk, [payment({ id: 'PAY-2', amount: 400_001 })], 'CONFLICT');
  });

  it('refuses a contract above what is left of the appropriation with CONFLICT, changing nothing', async () => {
    const ledger = await awarded();
    await refused(ledger, 'awardContract', clerk, [contract({ id: 'CON-2', amount: 400_001 })], 'CONFLICT');
    await ledger.invoke(budget, 'awardContract', clerk, [contract({ id: 'CON-2', amount: 400_000 })]);
  });

  it('awards a contract once, records a payment and an appropriation once (CONFLICT)', async () => {
    const ledger = await awarded();
    await refused(ledger, 'awardContract', clerk, [contract({ amount: 1 })], 'CONFLICT');
    await refused(ledger, 'appropriate', clerk, [appropriation()], 'CONFLICT');
    await ledger.invoke(budget, 'recordPayment', clerk, [payment({ amount: 1 })]);
    await refused(ledger, 'recordPayment', clerk, [payment({ amount: 1 })], 'CONFLICT');
  });

  it('answers NOT_FOUND for an unknown appropriation, contract or procurement record', async () => {
    const ledger = await awarded();
    await refused(ledger, 'awardContract', clerk, [contract({ id: 'CON-2', appropriationId: 'APP-9' })], 'NOT_FOUND');
    await refused(ledger, 'awardContract', clerk, [contract({ id: 'CON-2', amount: 1, procurementId: 'D-9' })], 'NOT_FOUND');
    await refused(ledger, 'recordPayment', clerk, [payment({ contractId: 'CON-9' })], 'NOT_FOUND');
    for (const [fn, id] of [['getAppropriation', 'APP-9'], ['getContract', 'CON-9'], ['listContractPayments', 'CON-9']] as const) {
      await expect(ledger.evaluate(budget, fn, auditor, [id])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it.each([
    ['appropriate', appropriation({ department: 'Auditor' })],
    ['appropriate', appropriation({ amount: 0 })],
    ['appropriate', appropriation({ amount: 1.5 })],
    ['appropriate', appropriation({ fiscalYear: 1999 })],
    ['awardContract', contract({ amount: -1 })],
    ['awardContract', contract({ supplierId: 'S 1' })],
    ['recordPayment', payment({ amount: 0 })],
    ['recordPayment', '{'],
  ])('%s refuses bad input with INVALID_ARGUMENT', async (fn, json) => {
    await refused(await awarded(), fn, clerk, [json], 'INVALID_ARGUMENT');
  });

  it.each([['appropriate', appropriation({ id: 'APP-9' })], ['awardContract', contract({ id: 'CON-9', amount: 1 })], ['recordPayment', payment({ id: 'PAY-9' })]])(
    '%s refuses the Auditor and departments without the budget remit (FORBIDDEN)',
    async (fn, json) => {
      const ledger = await awarded();
      await refused(ledger, fn, auditor, [json], 'FORBIDDEN');
      await refused(ledger, fn, publicWorksOfficer, [json], 'FORBIDDEN');
    },
  );

  it('refuses a bad fiscal year or department in a summary with INVALID_ARGUMENT', async () => {
    const ledger = new FakeLedger();
    await expect(ledger.evaluate(budget, 'getBudgetSummary', auditor, ['PublicWorks', 'soon'])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(ledger.evaluate(budget, 'getBudgetSummary', auditor, ['Public Works', '2026'])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
