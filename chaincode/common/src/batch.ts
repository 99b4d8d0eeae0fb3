/**
 * The chaincode side of batches (@city-ledger/domain `batch.ts`): a batch transaction loops
 * over the same per-record write a single-record transaction runs, and any refusal names the
 * record's index, so the whole transaction fails with `CODE: records[17]: ...`.
 *
 * Fabric reads see committed state only, never the transaction's own writes, so a record
 * repeated within one batch would pass `requireAbsent` twice: {@link requireDistinct} refuses it
 * before anything is written.
 *
 * @example
 * ```ts
 * requireDistinct(parcels.map((p) => p.id), 'parcel');
 * const written = await forEachRecord(parcels, (parcel, i) => registerOne(ctx, parcel, owners[i], now));
 * ```
 */
import { batchField, ChaincodeError, conflict, invalidArgument } from '@city-ledger/domain';

/** Runs `write` on each record in order; a refusal of record `i` becomes `CODE: records[i]: detail`. */
export async function forEachRecord<T, R>(records: readonly T[], write: (record: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const [index, record] of records.entries()) {
    try {
      results.push(await write(record, index));
    } catch (err) {
      if (!(err instanceof ChaincodeError)) throw err;
      throw new ChaincodeError(err.code, `${batchField(index)}: ${err.detail}`);
    }
  }
  return results;
}

/** CONFLICT naming the second occurrence when an ID appears twice in one batch. */
export function requireDistinct(ids: readonly string[], kind: string): void {
  const seen = new Map<string, number>();
  for (const [index, id] of ids.entries()) {
    const first = seen.get(id);
    if (first !== undefined) {
      throw conflict(`${batchField(index)}: ${kind} ${id} is also ${batchField(first)} of this batch`);
    }
    seen.set(id, index);
  }
}

/** INVALID_ARGUMENT unless the private part of a batch has one entry per record. */
export function requireAligned(records: readonly unknown[], privateParts: readonly unknown[], field: string): void {
  if (records.length !== privateParts.length) {
    throw invalidArgument(`${field} must have one entry per record: ${privateParts.length} for ${records.length} records`);
  }
}
