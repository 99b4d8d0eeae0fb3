/** Vital-record schemas (records chaincode, `vital` contract; see chaincode/records/README.md). */
import { Type } from '@sinclair/typebox';
import { Id } from './common';

export const VitalType = Type.Union([Type.Literal('BIRTH'), Type.Literal('DEATH'), Type.Literal('MARRIAGE')]);
export const VitalStatus = Type.Union([Type.Literal('REGISTERED'), Type.Literal('AMENDED'), Type.Literal('VOID')]);

/** A vital record's public state: no personal data, only a salted hash of the certificate. */
export const VitalRecord = Type.Object({
  id: Id,
  type: VitalType,
  status: VitalStatus,
  issuingDepartment: Type.String({ description: 'MSP ID of the registering department' }),
  hash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
});

/** POST /v1/vital-records/:id/verify: the certificate as the citizen presents it. */
export const VerifyBody = Type.Object(
  {
    salt: Type.String({ pattern: '^[0-9a-f]{64}$', description: '32 random bytes as 64 lower-case hex characters, printed on the certificate' }),
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
