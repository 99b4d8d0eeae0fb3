/**
 * Credentials (identity chaincode, `credentials` contract): the document a holder is issued
 * and presents, whose claims never reach the ledger, and the public record with its hash.
 *
 * @example
 * ```ts
 * const doc = validate(CredentialDocument, transient, 'credential');   // INVALID_ARGUMENT: credential.type must be one of: ...
 * const presented = validate(PresentedCredential, JSON.parse(raw), 'presentedCredential');
 * ```
 */
import { Type, type Static } from '@sinclair/typebox';
import { described, Enum, HexHash, Id, Text, Timestamp } from '../schemas';

/** Every credential type, in a stable order. */
export const CREDENTIAL_TYPES = ['residency', 'contractorLicence', 'healthCredential'] as const;
export const CredentialType = Enum(CREDENTIAL_TYPES);
export type CredentialType = Static<typeof CredentialType>;

/** Credential statuses: ACTIVE, SUSPENDED (reversible) or REVOKED (final). */
export const CREDENTIAL_STATUSES = ['ACTIVE', 'SUSPENDED', 'REVOKED'] as const;
export const CredentialStatus = Enum(CREDENTIAL_STATUSES);
export type CredentialStatus = Static<typeof CredentialStatus>;

/** The schema a document follows: an ID (URI) and a version. */
export const SchemaRef = Type.Object({ id: Text(256, { description: "The type's schema ID" }), version: Id }, { additionalProperties: false });
export type SchemaRef = Static<typeof SchemaRef>;

/** A credential document, as issued (transient) and presented for verification. */
export const CredentialDocument = Type.Object(
  {
    id: Id,
    type: CredentialType,
    schema: SchemaRef,
    subject: described(Id, 'Pseudonymous citizen ID'),
    issuer: described(Id, "MSP ID of the type's issuer"),
    validFrom: Timestamp,
    validUntil: Timestamp,
    claims: Type.Object({}, { additionalProperties: true, description: 'A JSON object' }),
  },
  { additionalProperties: false, description: 'Hashed as canonical JSON: present it exactly as issued' },
);
export type CredentialDocument = Static<typeof CredentialDocument>;

/** A presented credential: any JSON object with an `id`; every other difference shows as TAMPERED. */
export const PresentedCredential = Type.Object({ id: Id }, { additionalProperties: true, description: 'The credential document as presented' });

/** Who issued a credential: the department's MSP ID and the issuing identity. */
export const CredentialIssuer = Type.Object({ msp: Type.String(), id: Type.String({ description: 'Certificate ID of the issuing identity' }) }, { additionalProperties: false });
export type CredentialIssuer = Static<typeof CredentialIssuer>;

/** The public credential record. The claims are never on the ledger; `hash` covers them. */
export const Credential = Type.Object(
  {
    id: Id,
    type: CredentialType,
    hash: described(HexHash, 'SHA-256 of the canonical JSON of the credential document'),
    schema: SchemaRef,
    subject: described(Id, 'Pseudonymous citizen ID'),
    validFrom: Timestamp,
    validUntil: Timestamp,
    issuer: CredentialIssuer,
    status: CredentialStatus,
    statusListIndex: Type.Integer({ minimum: 0, description: "Bit index of this credential in its issuer's status lists" }),
    issuedAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false },
);
export type Credential = Static<typeof Credential>;

/** Answers of `verify`. */
export const VERIFICATION_STATUSES = ['VALID', 'REVOKED', 'SUSPENDED', 'EXPIRED', 'TAMPERED', 'UNKNOWN'] as const;
/** Why a credential is EXPIRED. */
export const EXPIRY_REASONS = ['NOT_YET_VALID', 'PAST_VALID_UNTIL'] as const;

/** The answer of `verify`. */
export const VerificationResult = Type.Object(
  {
    credentialId: Id,
    status: Enum(VERIFICATION_STATUSES),
    checkedAt: described(Timestamp, 'The transaction time the validity window was checked against'),
    reason: Type.Optional(Enum(EXPIRY_REASONS)),
  },
  { additionalProperties: false },
);
export type VerificationResult = Static<typeof VerificationResult>;
