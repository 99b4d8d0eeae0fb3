/**
 * What the private collections hold for a vital record, and what the evaluate-only private
 * queries return. Never returned by a submitted transaction, never in an event.
 *
 * @example
 * ```ts
 * const data = await readPrivateJson<VitalPrivateData>(ctx, rule.collection, key, 'vital record');
 * ```
 */
import { Object as DataType, Property } from 'fabric-contract-api';
import type { CauseOfDeathInput, VitalDetails } from './vitalDetails';
import type { AmendmentReason, VitalType } from './vitalRecord';

/**
 * The latest amendment, kept privately next to the data it changed. Submitted transactions never
 * read private data (non-member endorsing peers cannot), so only the latest is kept here.
 */
@DataType()
export class VitalAmendment {
  @Property('reason', 'string')
  reason!: AmendmentReason;

  @Property('at', 'string')
  at!: string;

  /** MSP ID of the amending department. */
  @Property('by', 'string')
  by!: string;
}

/** Private part of a vital record: the certificate's details and its salt. */
@DataType()
export class VitalPrivateData {
  @Property('id', 'string')
  id!: string;

  @Property('type', 'string')
  type!: VitalType;

  /** 32 random bytes as hex; printed on the citizen's certificate. */
  @Property('salt', 'string')
  salt!: string;

  @Property('details', 'Map<string, string>')
  details!: VitalDetails;

  /** When this version (registration or latest amendment) was written. */
  @Property('recordedAt', 'string')
  recordedAt!: string;

  /** The latest amendment; earlier ones show in the public history and the events. */
  @Property('lastAmendment', 'VitalAmendment')
  lastAmendment?: VitalAmendment;
}

/** Cause of death (registryHealthDeathCauses). */
@DataType()
export class DeathCause implements CauseOfDeathInput {
  @Property('id', 'string')
  id!: string;

  @Property('cause', 'string')
  cause!: string;

  @Property('manner', 'string')
  manner!: CauseOfDeathInput['manner'];

  @Property('certifiedBy', 'string')
  certifiedBy!: string;

  @Property('recordedAt', 'string')
  recordedAt!: string;
}
