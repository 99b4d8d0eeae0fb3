/**
 * `budget` contract: the open budget. Appropriations per department and fiscal year, contracts
 * awarded against them, payments against contracts; all public.
 *
 * Invariants, each a `CONFLICT` that changes nothing: a contract is awarded once; the contracts
 * of an appropriation never exceed it; the payments of a contract never exceed it. The running
 * sums live on the records (`committed`, `spent`, `paid`), so each check is one comparison, and
 * every write of them needs a peer of a `budget` department (key-level policy).
 */
import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import './components';
import {
  conflict,
  CityContract,
  emitEvent,
  invalidArgument,
  putIndex,
  readIndex,
  readJson,
  requireAbsent,
  requireGrant,
  requireId,
  requireKeyEndorsers,
  requireNumber,
  txTimestamp,
  writeJson,
} from '@city-ledger/chaincode-common';
import { AppropriationInput, ContractInput, parseJson, PaymentInput, type Appropriation, type AwardedContract, type BudgetSummary, type Payment } from '@city-ledger/domain';
import { appropriationKey, contractKey, paymentKey } from './keys';
import { requireProcurementRecord } from './procurement';
import { BUDGET_GRANTS, departmentNames, remitHoldersOf } from './roles';

const BY_DEPARTMENT_YEAR = 'appropriation~department~year';
const PAYMENTS_BY_CONTRACT = 'payment~contract';

export class BudgetContext extends Context {}

@Info({ title: 'Budget', description: 'Appropriations, contracts and payments, with their invariants' })
export class BudgetContract extends CityContract {
  constructor() {
    super('budget');
  }

  override createContext(): BudgetContext {
    return new BudgetContext();
  }

  /** Records an appropriation. `appropriationJson`: `{id, department, fiscalYear, amount, purpose}`. */
  @Transaction()
  @Returns('Appropriation')
  async appropriate(ctx: BudgetContext, appropriationJson: string) {
    const who = requireGrant(ctx, BUDGET_GRANTS);
    const input = parseJson(AppropriationInput, appropriationJson, 'appropriation');
    const departments = departmentNames();
    if (!departments.includes(input.department)) throw invalidArgument(`appropriation.department must be a department (${departments.join(', ')})`);
    const key = appropriationKey(ctx, input.id);
    await requireAbsent(ctx, key, 'appropriation');
    const now = txTimestamp(ctx);
    const appropriation: Appropriation = { ...input, committed: 0, spent: 0, createdBy: who.msp, createdAt: now, updatedAt: now };
    await this.write(ctx, key, appropriation);
    await putIndex(ctx, BY_DEPARTMENT_YEAR, [input.department, String(input.fiscalYear), input.id]);
    emitEvent(ctx, 'budget.appropriated', { appropriationId: input.id, department: input.department, fiscalYear: input.fiscalYear, amount: input.amount, txTime: now });
    return appropriation;
  }

  /** Awards a contract against an appropriation. `contractJson`: `{id, appropriationId, supplierId, amount, description?, procurementId?}`. */
  @Transaction()
  @Returns('AwardedContract')
  async awardContract(ctx: BudgetContext, contractJson: string) {
    const who = requireGrant(ctx, BUDGET_GRANTS);
    const input = parseJson(ContractInput, contractJson, 'contract');
    const key = contractKey(ctx, input.id);
    await requireAbsent(ctx, key, 'contract');
    const appropriationAt = appropriationKey(ctx, input.appropriationId);
    const appropriation = await readJson<Appropriation>(ctx, appropriationAt, 'appropriation');
    if (appropriation.committed + input.amount > appropriation.amount) {
      throw conflict(`contract ${input.id} of ${input.amount} would commit ${appropriation.committed + input.amount} of appropriation ${appropriation.id}, which is ${appropriation.amount}`);
    }
    if (input.procurementId !== undefined) await requireProcurementRecord(ctx, input.procurementId);
    const now = txTimestamp(ctx);
    const contract: AwardedContract = { ...input, department: appropriation.department, fiscalYear: appropriation.fiscalYear, paid: 0, awardedBy: who.msp, awardedAt: now, updatedAt: now };
    await this.write(ctx, key, contract);
    await this.write(ctx, appropriationAt, { ...appropriation, committed: appropriation.committed + input.amount, updatedAt: now });
    emitEvent(ctx, 'budget.contract.awarded', { contractId: input.id, appropriationId: appropriation.id, supplierId: input.supplierId, amount: input.amount, txTime: now });
    return contract;
  }

  /** Records a payment on a contract. `paymentJson`: `{id, contractId, amount, reference?}`. */
  @Transaction()
  @Returns('Payment')
  async recordPayment(ctx: BudgetContext, paymentJson: string) {
    const who = requireGrant(ctx, BUDGET_GRANTS);
    const input = parseJson(PaymentInput, paymentJson, 'payment');
    const key = paymentKey(ctx, input.id);
    await requireAbsent(ctx, key, 'payment');
    const contractAt = contractKey(ctx, input.contractId);
    const contract = await readJson<AwardedContract>(ctx, contractAt, 'contract');
    if (contract.paid + input.amount > contract.amount) {
      throw conflict(`payment ${input.id} of ${input.amount} would bring contract ${contract.id} to ${contract.paid + input.amount} paid, more than its ${contract.amount}`);
    }
    const appropriationAt = appropriationKey(ctx, contract.appropriationId);
    const appropriation = await readJson<Appropriation>(ctx, appropriationAt, 'appropriation');
    const now = txTimestamp(ctx);
    const payment: Payment = { ...input, appropriationId: contract.appropriationId, recordedBy: who.msp, paidAt: now };
    await this.write(ctx, key, payment);
    await this.write(ctx, contractAt, { ...contract, paid: contract.paid + input.amount, updatedAt: now });
    await this.write(ctx, appropriationAt, { ...appropriation, spent: appropriation.spent + input.amount, updatedAt: now });
    await putIndex(ctx, PAYMENTS_BY_CONTRACT, [contract.id, input.id]);
    emitEvent(ctx, 'budget.payment.recorded', { paymentId: input.id, contractId: contract.id, amount: input.amount, txTime: now });
    return payment;
  }

  /** An appropriation with its committed and spent sums. Any channel member. */
  @Transaction(false)
  @Returns('Appropriation')
  async getAppropriation(ctx: BudgetContext, appropriationId: string) {
    return readJson<Appropriation>(ctx, appropriationKey(ctx, requireId(appropriationId, 'appropriationId')), 'appropriation');
  }

  /** A contract with what has been paid on it. Any channel member. */
  @Transaction(false)
  @Returns('AwardedContract')
  async getContract(ctx: BudgetContext, contractId: string) {
    return readJson<AwardedContract>(ctx, contractKey(ctx, requireId(contractId, 'contractId')), 'contract');
  }

  /** A contract's payments, oldest first. Any channel member. */
  @Transaction(false)
  @Returns('PaymentList')
  async listContractPayments(ctx: BudgetContext, contractId: string) {
    const id = requireId(contractId, 'contractId');
    await readJson<AwardedContract>(ctx, contractKey(ctx, id), 'contract');
    const payments: Payment[] = [];
    for (const [, paymentId] of await readIndex(ctx, PAYMENTS_BY_CONTRACT, [id])) {
      payments.push(await readJson<Payment>(ctx, paymentKey(ctx, paymentId as string), 'payment'));
    }
    return payments.sort((a, b) => (a.paidAt < b.paidAt ? -1 : a.paidAt > b.paidAt ? 1 : a.id < b.id ? -1 : 1));
  }

  /** Spent against budgeted for a department and fiscal year (zeros when it has no appropriation). Any channel member. */
  @Transaction(false)
  @Returns('BudgetSummary')
  async getBudgetSummary(ctx: BudgetContext, department: string, fiscalYear: string) {
    const name = requireId(department, 'department');
    const year = requireNumber(fiscalYear, 'fiscalYear', { integer: true, min: 2000, max: 2200 });
    const summary: BudgetSummary = { department: name, fiscalYear: year, appropriations: [], budgeted: 0, committed: 0, spent: 0 };
    for (const [, , appropriationId] of await readIndex(ctx, BY_DEPARTMENT_YEAR, [name, String(year)])) {
      const appropriation = await readJson<Appropriation>(ctx, appropriationKey(ctx, appropriationId as string), 'appropriation');
      summary.appropriations.push(appropriation.id);
      summary.budgeted += appropriation.amount;
      summary.committed += appropriation.committed;
      summary.spent += appropriation.spent;
    }
    return summary;
  }

  /** Writes a budget record; only a `budget` department's peer endorses its next change. */
  private async write(ctx: BudgetContext, key: string, value: unknown): Promise<void> {
    await writeJson(ctx, key, value);
    await requireKeyEndorsers(ctx, key, remitHoldersOf(BUDGET_GRANTS));
  }
}
