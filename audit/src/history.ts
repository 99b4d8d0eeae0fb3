/**
 * A record's history, as the chaincodes' history functions return it (Fabric key history of
 * the public record), exported as JSON or CSV. Only public state has history functions, and
 * the Auditor is in no private data collection, so no private data can appear.
 *
 * | kind | chaincode `contract:function` |
 * |---|---|
 * | `parcel` | records `property:getParcelHistory` |
 * | `vital` | records `vital:getVitalRecordHistory` |
 * | `permit` | records `permits:getPermitHistory` |
 * | `waste-manifest` | logistics `waste:getManifestHistory` |
 *
 * @example
 * ```ts
 * const history = await recordHistory(session, 'parcel', 'P-1');
 * history.versions[0];       // { version: 1, txId, timestamp, isDelete: false, value: {...} } (oldest first)
 * historyCsv(history);       // version,txId,timestamp,isDelete,areaM2,encumbrances,id,...
 * ```
 */
import { canonicalJson } from '@city-ledger/domain';
import { toCsv } from './csv';
import { parseJsonArray } from './json';
import { AuditError } from './errors';
import type { ChaincodeReader } from './peerSession';

const HISTORIES = {
  parcel: { chaincode: 'records', fn: 'property:getParcelHistory' },
  vital: { chaincode: 'records', fn: 'vital:getVitalRecordHistory' },
  permit: { chaincode: 'records', fn: 'permits:getPermitHistory' },
  // Manifests are never deleted; their history names the value `manifest`.
  'waste-manifest': { chaincode: 'logistics', fn: 'waste:getManifestHistory', valueField: 'manifest' },
} as const satisfies Record<string, { chaincode: string; fn: string; valueField?: string }>;

/** The kinds of record with a history function. */
export type HistoryKind = keyof typeof HISTORIES;
export const HISTORY_KINDS = Object.keys(HISTORIES) as HistoryKind[];

/** One committed version; `value` is null for a delete. */
export interface RecordVersion {
  readonly version: number;
  readonly txId: string;
  readonly timestamp: string;
  readonly isDelete: boolean;
  readonly value: Record<string, unknown> | null;
}

export interface RecordHistory {
  readonly kind: HistoryKind;
  readonly id: string;
  readonly chaincode: string;
  readonly function: string;
  /** Oldest first, numbered from 1. */
  readonly versions: readonly RecordVersion[];
}

export function historyKind(value: string): HistoryKind {
  if (!(HISTORY_KINDS as string[]).includes(value)) {
    throw new AuditError('INVALID_ARGUMENT', `unknown record kind "${value}" (known: ${HISTORY_KINDS.join(', ')})`);
  }
  return value as HistoryKind;
}

/** Reads a record's history from the audited peer. NOT_FOUND for an unknown record. */
export async function recordHistory(reader: ChaincodeReader, kind: HistoryKind, id: string): Promise<RecordHistory> {
  const spec: { chaincode: string; fn: string; valueField?: string } = HISTORIES[kind];
  const entries = parseJsonArray(await reader.evaluate(spec.chaincode, spec.fn, [id]), `the ${kind} history`);
  const versions = entries.reverse().map((entry, i): RecordVersion => {
    const value = entry[spec.valueField ?? 'value'];
    return {
      version: i + 1,
      txId: String(entry['txId']),
      timestamp: String(entry['timestamp']),
      isDelete: entry['isDelete'] === true,
      value: typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null,
    };
  });
  return { kind, id, chaincode: spec.chaincode, function: spec.fn, versions };
}

/**
 * One line per version: `version,txId,timestamp,isDelete`, then one column per top-level field
 * of the record (every field any version has, sorted). Nested values are canonical JSON;
 * a field a version lacks is empty.
 */
export function historyCsv(history: RecordHistory): string {
  const fields = [...new Set(history.versions.flatMap((v) => Object.keys(v.value ?? {})))].sort();
  const cell = (value: unknown): string => (value === undefined ? '' : typeof value === 'string' ? value : canonicalJson(value));
  const rows = history.versions.map((v) => [String(v.version), v.txId, v.timestamp, String(v.isDelete), ...fields.map((f) => cell(v.value?.[f]))]);
  return toCsv(['version', 'txId', 'timestamp', 'isDelete', ...fields], rows);
}
