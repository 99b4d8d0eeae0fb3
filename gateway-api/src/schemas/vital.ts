/**
 * Vital-record request and answer schemas (records chaincode, `vital` contract). Every record
 * and field is the domain's (@city-ledger/domain, records/vital); request bodies compose them.
 * The certificate details and the cause of death are private: the gateway sends them, with a
 * salt it generates, as transient data `vital`.
 */
import { Type } from '@sinclair/typebox';
import {
  Batch,
  AmendmentReason,
  BirthDetails,
  CauseOfDeath,
  DeathCause,
  DeathDetails,
  HistoryEntry,
  Id,
  MarriageDetails,
  PresentedCertificate,
  Salt,
  VitalPrivateData,
  VitalRecord,
  VitalRegistration,
  VoidReason,
} from '@city-ledger/domain';
import { Submitted } from './common';

export { VerifyResult, VitalRecord, VitalStatus, VitalType } from '@city-ledger/domain';

export const VitalRecordHistory = Type.Array(HistoryEntry(VitalRecord));

/** POST /v1/vital-records: one of the three record types, told apart by `type`. */
export const RegisterVitalBody = VitalRegistration;

/** POST /v1/vital-records/batch: registrations of one type, one transaction for all. */
export const RegisterVitalsBody = Batch(VitalRegistration);

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

/** A batch registration: how many records, and each one's certificate salt (only the registering caller sees them). */
export const VitalBatchResult = Type.Composite([
  Submitted(Type.Integer({ minimum: 1, description: 'The number of records registered' })),
  Type.Object({ certificates: Type.Array(Type.Object({ id: Id, salt: Salt }, { additionalProperties: false }), { description: 'Each record\'s certificate salt, in the batch order' }) }),
], { additionalProperties: false });

/** GET /v1/vital-records/:id/certificate: the private part (members of the type's collection only). */
export const VitalCertificate = VitalPrivateData;

/** GET /v1/vital-records/:id/cause-of-death */
export const StoredCauseOfDeath = DeathCause;

/** POST /v1/vital-records/:id/verify: the certificate as the citizen presents it. */
export const VerifyBody = PresentedCertificate;
