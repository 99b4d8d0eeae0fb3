/**
 * Batches: many records of one kind in one transaction, for loading a city's existing
 * registers. A batch is an array of the record's own schema (nothing is declared twice), at most
 * {@link MAX_BATCH_RECORDS} long, and it is all or nothing: the chaincode refuses the whole
 * transaction at the first record it refuses, and names that record's index in the error detail
 * (`records[17].areaM2 must be at least 1`, `records[3]: parcel P-9 already exists`), so an
 * importer can report the line and send the batch again without it.
 *
 * Why all or nothing rather than per-record results: a Fabric transaction commits or fails as
 * a whole anyway, and a batch that either committed entirely or not at all keeps resuming
 * simple (a batch's idempotency key names exactly the records it wrote).
 *
 * @example
 * ```ts
 * const parcels = parseJson(Batch(ParcelInput), parcelsJson, BATCH_FIELD);   // INVALID_ARGUMENT: records[2].landUse must be one of: ...
 * batchIndexOf('records[3]: parcel P-9 already exists');                      // 3
 * ```
 */
import { Type, type TArray, type TSchema } from '@sinclair/typebox';

/** The most records one batch transaction holds; above it a batch is refused whole (`BATCH_TOO_LARGE` at the gateway). */
export const MAX_BATCH_RECORDS = 200;

/** The field name batch errors start with, followed by the record's index: `records[17]`. */
export const BATCH_FIELD = 'records';

/** A batch of `record`: 1..{@link MAX_BATCH_RECORDS} of them. */
export function Batch<T extends TSchema>(record: T): TArray<T> {
  return Type.Array(record, { minItems: 1, maxItems: MAX_BATCH_RECORDS, description: `1 to ${MAX_BATCH_RECORDS} records, all written in one transaction or none` });
}

/** The field naming record `index` of a batch in errors: `records[17]`. */
export function batchField(index: number): string {
  return `${BATCH_FIELD}[${index}]`;
}

const INDEXED = new RegExp(`^${BATCH_FIELD}\\[(\\d+)\\]`);

/** The index of the record an error detail names (`records[17]...`), or undefined when it names none. */
export function batchIndexOf(detail: string): number | undefined {
  const match = INDEXED.exec(detail);
  return match ? Number(match[1]) : undefined;
}
