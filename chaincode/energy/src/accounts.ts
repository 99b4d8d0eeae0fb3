/**
 * Balances of the city energy credit, in the grid operator's private collection. Every change
 * goes through {@link applyCredits}, which checks every account first and writes only when no
 * balance would go below zero: CONFLICT otherwise, and nothing changes.
 *
 * Fabric reads never see the transaction's own writes, so each account may appear once per
 * call (callers net their changes first).
 *
 * @example
 * ```ts
 * await applyCredits(ctx, 'TRANSFER', [
 *   { accountId: 'CIT-1', amountCents: -500, reference: 'to CIT-2' },
 *   { accountId: 'CIT-2', amountCents: 500, reference: 'from CIT-1' },
 * ]);
 * ```
 */
import type { Context } from 'fabric-contract-api';
import { conflict, fromBytes, keyFor, putPrivateJson, tryReadPrivateJson, txTimestamp } from '@city-ledger/chaincode-common';
import type { CreditAccount, CreditEntry, EntryKind } from '@city-ledger/domain';
import { Collections } from './collections';
import { accountKey, CREDIT_ENTRY } from './keys';

/** One change of one account. */
export interface CreditChange {
  readonly accountId: string;
  readonly amountCents: number;
  readonly reference: string;
}

/** The account's balance; an account never credited has 0. */
export async function readAccount(ctx: Context, accountId: string): Promise<CreditAccount> {
  const stored = await tryReadPrivateJson<CreditAccount>(ctx, Collections.Positions, accountKey(ctx, accountId));
  return stored ?? { accountId, balanceCents: 0, updatedAt: '' };
}

/** Applies `changes` (one per account) or, when any balance would go below zero, throws CONFLICT and writes nothing. */
export async function applyCredits(ctx: Context, kind: EntryKind, changes: readonly CreditChange[]): Promise<CreditAccount[]> {
  const ids = changes.map((c) => c.accountId);
  if (new Set(ids).size !== ids.length) {
    throw new Error(`applyCredits: an account appears twice in one change (${ids.join(', ')})`);
  }
  const now = txTimestamp(ctx);
  const after = await Promise.all(
    changes.map(async (change) => {
      const account = await readAccount(ctx, change.accountId);
      const balanceCents = account.balanceCents + change.amountCents;
      if (balanceCents < 0) {
        throw conflict(`account ${change.accountId} holds ${account.balanceCents} cents; ${-change.amountCents} needed`);
      }
      return { change, account: { accountId: change.accountId, balanceCents, updatedAt: now } };
    }),
  );
  for (const { change, account } of after) {
    await putPrivateJson(ctx, Collections.Positions, accountKey(ctx, account.accountId), account);
    const entry: CreditEntry = { accountId: account.accountId, kind, amountCents: change.amountCents, balanceCents: account.balanceCents, reference: change.reference, txId: ctx.stub.getTxID(), at: now };
    await putPrivateJson(ctx, Collections.Positions, keyFor(ctx, CREDIT_ENTRY, account.accountId, now, entry.txId), entry);
  }
  return after.map((a) => a.account);
}

/** Every change of the account, oldest first. */
export async function accountHistory(ctx: Context, accountId: string): Promise<CreditEntry[]> {
  const entries: CreditEntry[] = [];
  for await (const kv of ctx.stub.getPrivateDataByPartialCompositeKey(Collections.Positions, CREDIT_ENTRY, [accountId])) {
    entries.push(fromBytes<CreditEntry>(kv.value));
  }
  return entries;
}
