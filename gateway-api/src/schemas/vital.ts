/**
 * Vital-record schemas (records chaincode, `vital` contract; see chaincode/records/README.md and
 * src/vital/vitalDetails.ts, whose rules these mirror). The certificate details and the cause of
 * death are private: the gateway sends them, with a salt it generates, as transient data `vital`.
 */
import { Type } from '@sinclair/typebox';
import { Enum, HistoryEntry, Id, Submitted, Text, Timestamp } from './common';

export const VitalType = Type.Union([Type.Literal('BIRTH'), Type.Literal('DEATH'), Type.Literal('MARRIAGE')]);
export const VitalStatus = Type.Union([Type.Literal('REGISTERED'), Type.Literal('AMENDED'), Type.Literal('VOID')]);
export const AmendmentReason = Enum(['CLERICAL_ERROR', 'COURT_ORDER', 'LATE_INFORMATION', 'NAME_CHANGE']);
export const VoidReason = Enum(['DUPLICATE', 'REGISTERED_IN_ERROR', 'FRAUD', 'COURT_ORDER']);
export const DeathManner = Enum(['NATURAL', 'ACCIDENT', 'SUICIDE', 'HOMICIDE', 'UNDETERMINED', 'PENDING']);

/** 32 random bytes as 64 lower-case hex characters. */
export const Salt = Type.String({ pattern: '^[0-9a-f]{64}$', description: '32 random bytes as 64 lower-case hex characters, printed on the certificate' });

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

/** A vital record's public state: no personal data, only a salted hash of the certificate. */
export const VitalRecord = Type.Object({
  id: Id,
  type: VitalType,
  status: VitalStatus,
  issuingDepartment: Type.String({ description: 'MSP ID of the registering department' }),
  hash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
});

export const VitalRecordHistory = Type.Array(HistoryEntry(VitalRecord));

/** POST /v1/vital-records: one of the three record types, told apart by `type`. */
export const RegisterVitalBody = Type.Union([
  Type.Object({ id: Id, type: Type.Literal('BIRTH'), details: BirthDetails }, { additionalProperties: false }),
  Type.Object({ id: Id, type: Type.Literal('MARRIAGE'), details: MarriageDetails }, { additionalProperties: false }),
  Type.Object({ id: Id, type: Type.Literal('DEATH'), details: DeathDetails, causeOfDeath: CauseOfDeath }, { additionalProperties: false }),
]);

/** POST /v1/vital-records/:id/amend: the full new details of the record's type (and cause, for deaths). */
export const AmendVitalBody = Type.Object(
  {
    reason: AmendmentReason,
    details: Type.Union([BirthDetails, MarriageDetails, DeathDetails]),
    causeOfDeath: Type.Optional(CauseOfDeath),
  },
  { additionalProperties: false },
);

/** POST /v1/vital-records/:id/void */
export const VoidVitalBody = Type.Object({ reason: VoidReason }, { additionalProperties: false });

/** A registration or amendment: the committed record, and the salt to print on the new certificate. */
export const VitalWriteResult = Type.Composite([
  Submitted(VitalRecord),
  Type.Object({
    certificate: Type.Object(
      { salt: Salt },
      { description: 'The salt the gateway generated. Print it on the certificate: with the details it verifies the record. Only the registering caller sees it.' },
    ),
  }),
], { additionalProperties: false });

/** GET /v1/vital-records/:id/certificate: the private part (members of the type's collection only). */
export const VitalCertificate = Type.Object({
  id: Id,
  type: VitalType,
  salt: Salt,
  details: Type.Record(Type.String(), Type.String()),
  recordedAt: Timestamp,
  lastAmendment: Type.Optional(Type.Object({ reason: AmendmentReason, at: Timestamp, by: Type.String() })),
});

/** GET /v1/vital-records/:id/cause-of-death */
export const StoredCauseOfDeath = Type.Object({ id: Id, cause: Type.String(), manner: DeathManner, certifiedBy: Type.String(), recordedAt: Timestamp });

/** POST /v1/vital-records/:id/verify: the certificate as the citizen presents it. */
export const VerifyBody = Type.Object(
  {
    salt: Salt,
    details: Type.Object({}, { additionalProperties: true, description: 'The certificate details, exactly as issued (key order does not matter)' }),
  },
  { additionalProperties: false },
);

export const VerifyResult = Type.Object({
  id: Id,
  type: VitalType,
  status: VitalStatus,
  result: Type.Union([Type.Literal('MATCH'), Type.Literal('MISMATCH')], { description: 'A VOID record can MATCH: check status too' }),
});
