/**
 * Transaction time. Chaincode must never read the wall clock: every endorser has to
 * compute the same result, so time comes from the proposal's timestamp.
 *
 * @example
 * ```ts
 * const now = txTimestamp(ctx);                 // "2025-03-01T09:30:00.123Z"
 * if (isoToMillis(credential.validUntil) < txTimeMillis(ctx)) { ... }  // expired
 * ```
 */
import type { Context } from 'fabric-contract-api';
import { millisToIso, timestampToMillis } from '@city-ledger/domain';

export { isoToMillis, millisToIso, timestampToMillis, type TimestampLike } from '@city-ledger/domain';

/** The transaction's timestamp in epoch milliseconds (same on every endorser). */
export function txTimeMillis(ctx: Context): number {
  return timestampToMillis(ctx.stub.getTxTimestamp());
}

/** The transaction's timestamp as ISO-8601 UTC with milliseconds, e.g. `2025-03-01T09:30:00.123Z`. */
export function txTimestamp(ctx: Context): string {
  return millisToIso(txTimeMillis(ctx));
}
