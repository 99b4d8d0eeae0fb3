/**
 * Vital records (records chaincode, `vital` contract): births, marriages and deaths. The public
 * record holds only ID, type, status, issuing department and a salted hash of the certificate;
 * the certificate's details and the cause of death are private and arrive as transient `vital`
 * input `{ salt, details, causeOfDeath? }`. The salt is 32 random bytes chosen by the issuing
 * client (chaincode has no randomness).
 *
 * @example
 * ```ts
 * const input = validate(VITAL_INPUTS.BIRTH, transient, 'vital');
 * certificateHash('B-1', 'BIRTH', input.salt, input.details) === record.hash;   // MATCH
 * ```
 */
import { Type, type Static } from '@sinclair/typebox';
import { saltedHash } from '../crypto';
import { described, Enum, HexHash, Id, Text, Timestamp } from '../schemas';

export const VITAL_TYPES = ['BIRTH', 'DEATH', 'MARRIAGE'] as const;
export const VitalType = Enum(VITAL_TYPES);
export type VitalType = Static<typeof VitalType>;

/** REGISTERED, then AMENDED after any amendment; VOID is final. */
export const VitalStatus = Enum(['REGISTERED', 'AMENDED', 'VOID']);
export type VitalStatus = Static<typeof VitalStatus>;

/** Why a record was amended: a code, never free text (arguments are public). */
export const AMENDMENT_REASONS = ['CLERICAL_ERROR', 'COURT_ORDER', 'LATE_INFORMATION', 'NAME_CHANGE'] as const;
export const AmendmentReason = Enum(AMENDMENT_REASONS);
export type AmendmentReason = Static<typeof AmendmentReason>;

/** Why a record was voided. */
export const VOID_REASONS = ['DUPLICATE', 'REGISTERED_IN_ERROR', 'FRAUD', 'COURT_ORDER'] as const;
export const VoidReason = Enum(VOID_REASONS);
export type VoidReason = Static<typeof VoidReason>;

/** Manner of death, as certified. */
export const DEATH_MANNERS = ['NATURAL', 'ACCIDENT', 'SUICIDE', 'HOMICIDE', 'UNDETERMINED', 'PENDING'] as const;
export const DeathManner = Enum(DEATH_MANNERS);

/** The certificate's salt: 32 random bytes as 64 lowercase hex characters (the format of a SHA-256 digest). */
export const Salt: typeof HexHash = described(HexHash, '32 random bytes as 64 lower-case hex characters, printed on the certificate');

const Name = Text(200);
const Place = Text(300);
const PRIVATE = 'Private: sent as transient data, never written to the public ledger';

export const BirthDetails = Type.Object(
  { childName: Name, bornAt: Timestamp, placeOfBirth: Place, parent1Name: Name, parent2Name: Type.Optional(Name) },
  { additionalProperties: false, description: PRIVATE },
);
export const MarriageDetails = Type.Object(
  { spouse1Name: Name, spouse2Name: Name, marriedAt: Timestamp, placeOfMarriage: Place, officiant: Type.Optional(Name) },
  { additionalProperties: false, description: PRIVATE },
);
export const DeathDetails = Type.Object(
  { deceasedName: Name, diedAt: Timestamp, placeOfDeath: Place, bornAt: Type.Optional(Timestamp) },
  { additionalProperties: false, description: PRIVATE },
);
export const CauseOfDeath = Type.Object(
  { cause: Text(1000), manner: DeathManner, certifiedBy: Name },
  { additionalProperties: false, description: 'Private medical data: Registry and Health only' },
);
export type CauseOfDeath = Static<typeof CauseOfDeath>;

/** Certificate details: string fields only (names, places, RFC 3339 timestamps). */
export type VitalDetails = Record<string, string>;

/** The transient `vital` input of each record type; only deaths carry a cause. */
export const VITAL_INPUTS = {
  BIRTH: Type.Object({ salt: Salt, details: BirthDetails }, { additionalProperties: false }),
  MARRIAGE: Type.Object({ salt: Salt, details: MarriageDetails }, { additionalProperties: false }),
  DEATH: Type.Object({ salt: Salt, details: DeathDetails, causeOfDeath: CauseOfDeath }, { additionalProperties: false }),
} as const;

/** The transient `vital` input, whatever the type. */
export interface VitalInput {
  salt: string;
  details: VitalDetails;
  causeOfDeath?: CauseOfDeath;
}

/**
 * A registration as a department's system sends it (`POST /v1/vital-records`, one record of a
 * batch): the ID, the type and its details (and a death's cause). The salt is not in it: the
 * gateway generates one per record.
 */
export const VitalRegistration = Type.Union([
  Type.Object({ id: Id, type: Type.Literal('BIRTH'), details: BirthDetails }, { additionalProperties: false }),
  Type.Object({ id: Id, type: Type.Literal('MARRIAGE'), details: MarriageDetails }, { additionalProperties: false }),
  Type.Object({ id: Id, type: Type.Literal('DEATH'), details: DeathDetails, causeOfDeath: CauseOfDeath }, { additionalProperties: false }),
]);
export type VitalRegistration = Static<typeof VitalRegistration>;

/** A vital record's public state: no personal data, only a salted hash of the certificate. */
export const VitalRecord = Type.Object(
  {
    id: Id,
    type: VitalType,
    status: VitalStatus,
    issuingDepartment: Type.String({ description: 'MSP ID of the registering department' }),
    hash: described(HexHash, '`saltedHash(salt, { id, type, details })`: see certificateHash'),
  },
  { additionalProperties: false },
);
export type VitalRecord = Static<typeof VitalRecord>;

/**
 * The latest amendment, kept privately next to the data it changed. Submitted transactions never
 * read private data (non-member endorsing peers cannot), so only the latest is kept.
 */
export const VitalAmendment = Type.Object(
  { reason: AmendmentReason, at: Timestamp, by: Type.String({ description: 'MSP ID of the amending department' }) },
  { additionalProperties: false },
);
export type VitalAmendment = Static<typeof VitalAmendment>;

/** Private part of a vital record: the certificate's details and its salt (members of the type's collection only). */
export const VitalPrivateData = Type.Object(
  {
    id: Id,
    type: VitalType,
    salt: Salt,
    details: Type.Record(Type.String(), Type.String()),
    recordedAt: described(Timestamp, 'When this version (registration or latest amendment) was written'),
    lastAmendment: Type.Optional(VitalAmendment),
  },
  { additionalProperties: false },
);
export type VitalPrivateData = Static<typeof VitalPrivateData>;

/** A stored cause of death (Registry and Health only). */
export const DeathCause = Type.Object(
  { id: Id, cause: Type.String(), manner: DeathManner, certifiedBy: Type.String(), recordedAt: Timestamp },
  { additionalProperties: false },
);
export type DeathCause = Static<typeof DeathCause>;

/** A certificate as the citizen presents it for verification. */
export const PresentedCertificate = Type.Object(
  {
    salt: Salt,
    details: Type.Object({}, { additionalProperties: true, description: 'The certificate details, exactly as issued (key order does not matter)' }),
  },
  { additionalProperties: false },
);
export type PresentedCertificate = Static<typeof PresentedCertificate>;

/** Answer of verify: MATCH when the presented certificate is the one on record. */
export const VerifyResult = Type.Object(
  {
    id: Id,
    type: VitalType,
    status: described(VitalStatus, 'The record status: a MATCH on a VOID record is a voided certificate'),
    result: Enum(['MATCH', 'MISMATCH'], 'A VOID record can MATCH: check status too'),
  },
  { additionalProperties: false },
);
export type VerifyResult = Static<typeof VerifyResult>;

/**
 * The hash the public record keeps for a certificate: `saltedHash(salt, { id, type, details })`.
 *
 * Design: the salt (32 random bytes, chosen by the issuing client) is private: it is stored
 * with the personal data in the collection AND printed on the certificate handed to the
 * citizen. A verifier is given the certificate, i.e. `{ salt, details }`, and recomputes the
 * hash from the public ID and type: no private read is needed, so non-members (the Auditor
 * included) can verify. The salt stops anyone from confirming guessed personal data against
 * the public hash (a dictionary attack on names and dates) unless they hold the certificate.
 */
export function certificateHash(id: string, type: VitalType, salt: string, details: Record<string, unknown>): string {
  return saltedHash(salt, { id, type, details });
}
