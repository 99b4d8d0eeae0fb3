/**
 * From a file's rows to batches: each row is checked against the kind's domain schema (the one
 * validator), the ones that fail are refused at once with the validator's message, as is a
 * record whose `id` an earlier line already has, and the rest are cut into batches in file order. The same file always gives the same batches, so a resumed
 * import finds its checkpointed batches again.
 *
 * Each send of a batch carries an idempotency key derived from the file's hash, the batch's
 * index and the hash of exactly what is sent: a batch sent again after an interruption gets its
 * first answer back and never writes twice; a batch sent again without a refused record is a
 * different request with a different key.
 *
 * @example
 * ```ts
 * const plan = planImport(rows, ParcelRegistration, 200);   // { batches: [{ index: 0, records: [...] }], refused: [...] }
 * const key = batchKey(fileHash, batch.index, batch.records);
 * ```
 */
import { canonicalJson, ChaincodeError, sha256Hex, validate } from '@city-ledger/domain';
import type { TSchema } from '@sinclair/typebox';
import type { SourceRow } from './source';

/** A record ready to send, with its file line. */
export interface PlannedRecord {
  readonly line: number;
  readonly value: unknown;
}

/** A line refused, by the importer's own check or by the ledger. */
export interface RefusedLine {
  readonly line: number;
  readonly code: string;
  readonly message: string;
}

export interface Batch {
  readonly index: number;
  readonly records: readonly PlannedRecord[];
}

export interface ImportPlan {
  readonly batches: readonly Batch[];
  readonly refused: readonly RefusedLine[];
  readonly total: number;
}

/**
 * Checks every row and cuts the valid records into batches of `batchSize`, in file order; with
 * `groupOf`, each batch holds records of one group only (e.g. one vital-record type).
 */
export function planImport(rows: readonly SourceRow[], schema: TSchema, batchSize: number, groupOf: (record: unknown) => string = () => ''): ImportPlan {
  const valid: PlannedRecord[] = [];
  const refused: RefusedLine[] = [];
  const firstLineOf = new Map<string, number>();
  for (const row of rows) {
    if ('problem' in row) {
      refused.push({ line: row.line, code: 'MALFORMED_LINE', message: row.problem });
      continue;
    }
    try {
      const value = validate(schema, row.value, 'record');
      const id = (value as { id?: unknown }).id;
      const first = typeof id === 'string' ? firstLineOf.get(id) : undefined;
      if (first !== undefined) {
        refused.push({ line: row.line, code: 'CONFLICT', message: `record ${String(id)} repeats line ${first}` });
        continue;
      }
      if (typeof id === 'string') firstLineOf.set(id, row.line);
      valid.push({ line: row.line, value });
    } catch (err) {
      if (!(err instanceof ChaincodeError)) throw err;
      refused.push({ line: row.line, code: err.code, message: err.detail });
    }
  }
  const groups = new Map<string, PlannedRecord[]>();
  for (const record of valid) {
    const group = groupOf(record.value);
    const members = groups.get(group) ?? [];
    members.push(record);
    groups.set(group, members);
  }
  const batches: Batch[] = [];
  for (const records of groups.values()) {
    for (let start = 0; start < records.length; start += batchSize) {
      batches.push({ index: batches.length, records: records.slice(start, start + batchSize) });
    }
  }
  return { batches, refused, total: rows.length };
}

/** The Idempotency-Key of one send of a batch: file, batch index and the exact records sent. */
export function batchKey(fileHash: string, index: number, records: readonly PlannedRecord[]): string {
  const content = sha256Hex(canonicalJson(records.map((r) => r.value)));
  return `import-${sha256Hex(`${fileHash}\n${index}\n${content}`).slice(0, 48)}`;
}
