/**
 * The public state of a vital record (birth, death or marriage certificate). By design it
 * holds ONLY the ID, type, status, issuing department and a salted hash of the certificate;
 * everything personal is in a private collection (see vitalDetails.ts).
 *
 * @example
 * ```ts
 * const record = await readJson<VitalRecord>(ctx, vitalKey(ctx, 'B-1'), 'vital record');
 * ```
 */
import type { Context } from 'fabric-contract-api';
import { Object as DataType, Property } from 'fabric-contract-api';
import { keyFor } from '@city-ledger/chaincode-common';

/** Kinds of vital record. */
export type VitalType = 'BIRTH' | 'DEATH' | 'MARRIAGE';
export const VITAL_TYPES: readonly VitalType[] = ['BIRTH', 'DEATH', 'MARRIAGE'];

/** REGISTERED, then AMENDED after any amendment; VOID is final. */
export type VitalStatus = 'REGISTERED' | 'AMENDED' | 'VOID';
export const VITAL_STATUSES: readonly VitalStatus[] = ['REGISTERED', 'AMENDED', 'VOID'];

/** Why a record was amended: a code, never free text (arguments are public). */
export const AMENDMENT_REASONS = ['CLERICAL_ERROR', 'COURT_ORDER', 'LATE_INFORMATION', 'NAME_CHANGE'] as const;
export type AmendmentReason = (typeof AMENDMENT_REASONS)[number];

/** Why a record was voided. */
export const VOID_REASONS = ['DUPLICATE', 'REGISTERED_IN_ERROR', 'FRAUD', 'COURT_ORDER'] as const;
export type VoidReason = (typeof VOID_REASONS)[number];

/** Public state of a vital record. */
@DataType()
export class VitalRecord {
  @Property('id', 'string')
  id!: string;

  @Property('type', 'string')
  type!: VitalType;

  @Property('status', 'string')
  status!: VitalStatus;

  /** MSP ID of the department that registered the record. */
  @Property('issuingDepartment', 'string')
  issuingDepartment!: string;

  /** `saltedHash(salt, { id, type, details })`: see certificate.ts. */
  @Property('hash', 'string')
  hash!: string;
}

/** World-state key of vital record `id`; the private data uses the same key in its collection. */
export function vitalKey(ctx: Context, id: string): string {
  return keyFor(ctx, 'vital', id);
}
