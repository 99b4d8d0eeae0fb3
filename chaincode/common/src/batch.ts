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
 * const written = await forEachRecord(pairWithPrivate(parcels, owners, 'owners'), ([parcel, owner]) => registerOne(ctx, parcel, owner, now));
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

/**
 * Pairs each record with its private part (the transient array sent beside the batch);
 * INVALID_ARGUMENT unless there is exactly one private part per record.
 */
export function pairWithPrivate<T, P>(records: readonly T[], privateParts: readonly P[], field: string): [T, P][] {
  if (records.length !== privateParts.length) {
    throw invalidArgument(`${field} must have one entry per record: ${privateParts.length} for ${records.length} records`);
  }
  return records.map((record, index) => [record, privateParts[index] as P]);
}
