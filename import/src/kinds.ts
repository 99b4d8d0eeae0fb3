/**
 * What the importer can load: for each kind of record, the domain schema one record must match
 * (the same one the gateway and the chaincode check, so a line the importer accepts is refused
 * later only for what needs the ledger, such as a duplicate) and the gateway's batch route.
 *
 * @example
 * ```ts
 * const kind = IMPORT_KINDS.parcels;   // { schema: ParcelRegistration, route: '/v1/parcels/batch', ... }
 * IMPORT_KINDS['vital-records'].groupOf?.(birth);   // 'BIRTH': a batch holds one type
 * ```
 */
import { ParcelRegistration, PermitApplication, VitalRegistration } from '@city-ledger/domain';
import type { TSchema } from '@sinclair/typebox';

export interface ImportKind {
  /** One record, as the batch route takes it in its array. */
  readonly schema: TSchema;
  /** The gateway's batch route. */
  readonly route: string;
  /** What one record is called in messages. */
  readonly noun: string;
  /** When a batch must hold records of one sort (vital records: one type), the sort of a record. */
  readonly groupOf?: (record: unknown) => string;
}

export const IMPORT_KINDS = {
  parcels: { schema: ParcelRegistration, route: '/v1/parcels/batch', noun: 'parcel' },
  permits: { schema: PermitApplication, route: '/v1/permits/batch', noun: 'permit' },
  'vital-records': {
    schema: VitalRegistration,
    route: '/v1/vital-records/batch',
    noun: 'vital record',
    groupOf: (record) => (record as { type: string }).type,
  },
} as const satisfies Record<string, ImportKind>;

export type ImportKindName = keyof typeof IMPORT_KINDS;

export function isImportKind(name: string): name is ImportKindName {
  return Object.hasOwn(IMPORT_KINDS, name);
}
