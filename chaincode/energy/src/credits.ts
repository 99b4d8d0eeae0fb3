/**
 * `credits` contract: the city energy credit that the market settles in. Officers and clerks of
 * the grid operator (`energy-market`) move it for households: a deposit when a household buys
 * credit, a withdrawal when it cashes out, a transfer between accounts. No balance ever goes
 * below zero (CONFLICT, nothing changes). Accounts and their history are private to the
 * operator (collection `energyMarketPositions`); answers and events are receipts naming no
 * account and no amount.
 */
import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import './components';
import { emitEvent, invalidArgument, readTransient, requireId, requireWriter, txTimestamp, CityContract } from '@city-ledger/chaincode-common';
import { CreditMovementInput, CreditTransferInput, type CreditReceipt, type EntryKind } from '@city-ledger/domain';
import { accountHistory, applyCredits, readAccount, type CreditChange } from './accounts';
import { Collections } from './collections';
import { OPERATOR_ROLES, operatorMsps, requireOperatorReader } from './roles';

/** The contract's transaction context (see logistics' MaterialsContext for why it is declared here). */
export class CreditsContext extends Context {}

@Info({ title: 'Credits', description: 'The city energy credit: private accounts of households and the grid, deposits, withdrawals, transfers' })
export class CreditsContract extends CityContract {
  constructor() {
    super('credits', [Collections.Positions]);
  }

  override createContext(): CreditsContext {
    return new CreditsContext();
  }

  /** Credits an account. Transient `deposit`: `{accountId, amountCents, reference}`. Returns a receipt. */
  @Transaction()
  @Returns('CreditReceipt')
  async deposit(ctx: CreditsContext) {
    requireWriter(ctx, operatorMsps(), OPERATOR_ROLES);
    const input = readTransient(ctx, 'deposit', CreditMovementInput);
    return this.move(ctx, 'DEPOSIT', [{ accountId: input.accountId, amountCents: input.amountCents, reference: input.reference }]);
  }

  /** Debits an account; CONFLICT when it holds less. Transient `withdrawal`: `{accountId, amountCents, reference}`. Returns a receipt. */
  @Transaction()
  @Returns('CreditReceipt')
  async withdraw(ctx: CreditsContext) {
    requireWriter(ctx, operatorMsps(), OPERATOR_ROLES);
    const input = readTransient(ctx, 'withdrawal', CreditMovementInput);
    return this.move(ctx, 'WITHDRAWAL', [{ accountId: input.accountId, amountCents: -input.amountCents, reference: input.reference }]);
  }

  /** Moves credit between two accounts; CONFLICT when `from` holds less. Transient `transfer`: `{from, to, amountCents, reference}`. Returns a receipt. */
  @Transaction()
  @Returns('CreditReceipt')
  async transfer(ctx: CreditsContext) {
    requireWriter(ctx, operatorMsps(), OPERATOR_ROLES);
    const input = readTransient(ctx, 'transfer', CreditTransferInput);
    if (input.from === input.to) {
      throw invalidArgument('transfer.to must differ from transfer.from');
    }
    return this.move(ctx, 'TRANSFER', [
      { accountId: input.from, amountCents: -input.amountCents, reference: `to ${input.to}: ${input.reference}` },
      { accountId: input.to, amountCents: input.amountCents, reference: `from ${input.from}: ${input.reference}` },
    ]);
  }

  /** An account's balance (0 for one never credited). Private: the operator's officers and clerks only. */
  @Transaction(false)
  @Returns('CreditAccount')
  async getAccount(ctx: CreditsContext, accountId: string) {
    requireOperatorReader(ctx);
    return readAccount(ctx, requireId(accountId, 'accountId'));
  }

  /** Every change of an account's balance, oldest first. Private: the operator's officers and clerks only. */
  @Transaction(false)
  @Returns('CreditEntryList')
  async getAccountHistory(ctx: CreditsContext, accountId: string) {
    requireOperatorReader(ctx);
    return accountHistory(ctx, requireId(accountId, 'accountId'));
  }

  /** Applies the change; answers and emits no account and no amount: a submitted answer is on the ledger for every org. */
  private async move(ctx: CreditsContext, kind: EntryKind, changes: readonly CreditChange[]): Promise<CreditReceipt> {
    await applyCredits(ctx, kind, changes);
    const receipt: CreditReceipt = { kind, txId: ctx.stub.getTxID(), at: txTimestamp(ctx) };
    emitEvent(ctx, 'EnergyCreditMoved', receipt);
    return receipt;
  }
}
