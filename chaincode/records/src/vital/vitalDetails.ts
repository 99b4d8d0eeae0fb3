/**
 * Personal data of vital records and the rules per record type: which collection holds it,
 * how it is validated, and who may write it.
 *
 * - BIRTH, MARRIAGE: Registry registrars; data in `registryVitalRecords` (Registry only).
 * - DEATH: Registry registrars or Health officers; data in `registryHealthDeathRecords` and
 *   the cause of death in `registryHealthDeathCauses` (both Registry + Health), because a
 *   Health client could not write a Registry-only collection (memberOnlyWrite).
 *
 * Input arrives in the transient field `vital`: `{ salt, details }`, plus `causeOfDeath` for
 * deaths, and is checked against the domain's schema of the record type (VITAL_INPUTS).
 *
 * @example
 * ```ts
 * const rule = VITAL_RULES[record.type];
 * const input = readTransient(ctx, VITAL_TRANSIENT_KEY, rule.input);
 * ```
 */
import type { TSchema } from '@sinclair/typebox';
import { Remit, Role, type Grants } from '@city-ledger/chaincode-common';
import { VITAL_INPUTS, type VitalType } from '@city-ledger/domain';
import { Collection, type CollectionName } from '../collections';

/** Transient map key of the personal data. */
export const VITAL_TRANSIENT_KEY = 'vital';
/** Transient map key of a batch's personal data (registerVitalRecords): one `vital` input per record, in order. */
export const VITALS_TRANSIENT_KEY = 'vitals';

/** What the chaincode needs to know about one record type. */
export interface VitalRule {
  /** Collection of the certificate's personal data and salt. */
  readonly collection: CollectionName;
  /** Who may register, amend or void records of this type. */
  readonly writers: Grants;
  /** Schema of the transient `vital` input. */
  readonly input: TSchema;
}

const REGISTRARS: Grants = { [Remit.VitalRecords]: [Role.Registrar] };
const DEATH_REGISTRARS: Grants = { [Remit.VitalRecords]: [Role.Registrar], [Remit.HealthRecords]: [Role.Officer] };

/** Rules per record type. */
export const VITAL_RULES: Readonly<Record<VitalType, VitalRule>> = {
  BIRTH: { collection: Collection.VitalRecords, writers: REGISTRARS, input: VITAL_INPUTS.BIRTH },
  MARRIAGE: { collection: Collection.VitalRecords, writers: REGISTRARS, input: VITAL_INPUTS.MARRIAGE },
  DEATH: { collection: Collection.DeathRecords, writers: DEATH_REGISTRARS, input: VITAL_INPUTS.DEATH },
};

/** Every org that may write some vital record: the first guard of amend and void. */
export const ANY_VITAL_WRITER_REMITS = [Remit.VitalRecords, Remit.HealthRecords] as const;
