/**
 * Identity schemas (identity chaincode: `citizens`, `credentials`, `statusLists`; see
 * chaincode/identity/README.md, src/citizen.ts and src/credentialDocument.ts).
 */
import { CREDENTIAL_TYPES } from '@city-ledger/chaincode-identity/credentialTypes';
import { Type } from '@sinclair/typebox';
import { Enum, Id, Page, Text, Timestamp } from './common';

export const CredentialType = Enum(CREDENTIAL_TYPES);
export const StatusPurpose = Enum(['revocation', 'suspension']);
const CalendarDate = Type.String({ format: 'date', description: 'A calendar date: YYYY-MM-DD, not in the future' });

/** POST /v1/citizens: the ID and the personal data (private; the gateway adds a salt). */
export const RegisterCitizenBody = Type.Object(
  {
    id: Type.String({ ...Id, description: 'A pseudonymous ID: opaque (e.g. a random UUID), never derived from personal data' }),
    givenName: Text(200),
    familyName: Text(200),
    dateOfBirth: CalendarDate,
    address: Text(500),
  },
  { additionalProperties: false },
);

export const Citizen = Type.Object({
  id: Id,
  department: Type.String({ description: 'MSP ID of the registering department' }),
  status: Enum(['ACTIVE', 'INACTIVE']),
  registeredAt: Timestamp,
  updatedAt: Timestamp,
  dataHash: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the private data (Fabric private data hash)' }),
});

/** GET /v1/citizens/:id/personal-data (members of the registering department's collection only). */
export const CitizenPersonalData = Type.Object({
  citizenId: Id,
  salt: Type.String(),
  givenName: Type.String(),
  familyName: Type.String(),
  dateOfBirth: Type.String(),
  address: Type.String(),
});

const SchemaRef = Type.Object({ id: Text(256, "The type's schema ID"), version: Id }, { additionalProperties: false });

/** A credential document: issued as transient data (claims never reach the ledger), presented for verification. */
export const CredentialDocument = Type.Object(
  {
    id: Id,
    type: CredentialType,
    schema: SchemaRef,
    subject: Id,
    issuer: Type.String({ ...Id, description: "MSP ID of the type's issuer" }),
    validFrom: Timestamp,
    validUntil: Timestamp,
    claims: Type.Object({}, { additionalProperties: true }),
  },
  { additionalProperties: false, description: 'Hashed as canonical JSON: present it exactly as issued' },
);

export const Credential = Type.Object({
  id: Id,
  type: CredentialType,
  hash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  schema: Type.Object({ id: Type.String(), version: Type.String() }),
  subject: Id,
  validFrom: Timestamp,
  validUntil: Timestamp,
  issuer: Type.Object({ msp: Type.String(), id: Type.String() }),
  status: Enum(['ACTIVE', 'SUSPENDED', 'REVOKED']),
  statusListIndex: Type.Integer({ minimum: 0 }),
  issuedAt: Timestamp,
  updatedAt: Timestamp,
});

export const CredentialPage = Page(Credential);

/** POST /v1/credentials/verify: any JSON object with an `id`; every other difference shows as TAMPERED. */
export const PresentedCredential = Type.Object({ id: Id }, { additionalProperties: true, description: 'The credential document as presented' });

export const VerificationResult = Type.Object({
  credentialId: Id,
  status: Enum(['VALID', 'REVOKED', 'SUSPENDED', 'EXPIRED', 'TAMPERED', 'UNKNOWN']),
  checkedAt: Timestamp,
  reason: Type.Optional(Enum(['NOT_YET_VALID', 'PAST_VALID_UNTIL'])),
});

export const StatusListParams = Type.Object({ issuer: Type.String({ ...Id, description: 'MSP ID of an issuing department' }), purpose: StatusPurpose }, { additionalProperties: false });

export const StatusList = Type.Object({
  issuer: Type.String(),
  purpose: StatusPurpose,
  encoding: Type.Literal('base64url'),
  length: Type.Integer({ minimum: 0, description: 'Bits, a multiple of 8' }),
  allocated: Type.Integer({ minimum: 0 }),
  encodedList: Type.String({ description: 'base64url (no padding) of the raw bits; bit 0 is the most significant bit of the first byte' }),
  updatedAt: Type.String(),
});
