/**
 * Credentials on the ledger: the public record (hash, schema, subject, validity, issuer,
 * status, status-list index), the status state machine, and the verification result.
 *
 * Status machine (every other transition is FAILED_PRECONDITION; REVOKED is final):
 *
 * ```
 * ACTIVE --suspend--> SUSPENDED --reinstate--> ACTIVE
 * ACTIVE | SUSPENDED --revoke--> REVOKED
 * ```
 *
 * @example
 * ```ts
 * const status = nextStatus(credential.status, 'revoke');   // 'REVOKED', or FAILED_PRECONDITION
 * await writeStatusBits(ctx, issuerMsp, credential.statusListIndex, statusBits(status));
 * ```
 */
import { failedPrecondition, keyFor, readJson } from '@city-ledger/chaincode-common';
import type { Context } from 'fabric-contract-api';
import { Object as FabricObject, Property } from 'fabric-contract-api';
import type { StatusPurpose } from './statusList';

/** Credential statuses. */
export const CredentialStatus = { Active: 'ACTIVE', Suspended: 'SUSPENDED', Revoked: 'REVOKED' } as const;

/** One of {@link CredentialStatus}. */
export type CredentialStatusName = (typeof CredentialStatus)[keyof typeof CredentialStatus];

/** What an issuer can do to a credential's status. */
export type StatusAction = 'suspend' | 'reinstate' | 'revoke';

const TRANSITIONS: Readonly<Record<StatusAction, { from: readonly CredentialStatusName[]; to: CredentialStatusName }>> = {
  suspend: { from: [CredentialStatus.Active], to: CredentialStatus.Suspended },
  reinstate: { from: [CredentialStatus.Suspended], to: CredentialStatus.Active },
  revoke: { from: [CredentialStatus.Active, CredentialStatus.Suspended], to: CredentialStatus.Revoked },
};

/** Answers of `verify`. */
export const VerificationStatus = {
  Valid: 'VALID',
  Revoked: 'REVOKED',
  Suspended: 'SUSPENDED',
  Expired: 'EXPIRED',
  Unknown: 'UNKNOWN',
  Tampered: 'TAMPERED',
} as const;

/** One of {@link VerificationStatus}. */
export type VerificationStatusName = (typeof VerificationStatus)[keyof typeof VerificationStatus];

/** `schema` of a credential: schema ID (URI) and version. */
@FabricObject()
export class CredentialSchema {
  @Property()
  id!: string;

  @Property()
  version!: string;
}

/** `issuer` of a credential: the department's MSP ID and the issuing identity (certificate ID). */
@FabricObject()
export class CredentialIssuer {
  @Property()
  msp!: string;

  @Property()
  id!: string;
}

/** Public credential record. The claims are never on the ledger; `hash` covers them. */
@FabricObject()
export class Credential {
  @Property()
  id!: string;

  /** residency, contractorLicence or healthCredential. */
  @Property()
  type!: string;

  /** SHA-256 hex of the canonical JSON of the credential document. */
  @Property()
  hash!: string;

  @Property('schema', 'CredentialSchema')
  schema!: CredentialSchema;

  /** Pseudonymous citizen ID. */
  @Property()
  subject!: string;

  @Property()
  validFrom!: string;

  @Property()
  validUntil!: string;

  @Property('issuer', 'CredentialIssuer')
  issuer!: CredentialIssuer;

  /** ACTIVE, SUSPENDED or REVOKED. */
  @Property()
  status!: string;

  /** Bit index of this credential in its issuer's status lists. */
  @Property()
  statusListIndex!: number;

  @Property()
  issuedAt!: string;

  @Property()
  updatedAt!: string;
}

/** One page of credentials; `bookmark` is `''` after the last page. */
@FabricObject()
export class CredentialPage {
  @Property('items', 'Credential[]')
  items!: Credential[];

  @Property()
  bookmark!: string;
}

/** The answer of `verify`. */
@FabricObject()
export class VerificationResult {
  @Property()
  credentialId!: string;

  /** VALID, REVOKED, SUSPENDED, EXPIRED, UNKNOWN or TAMPERED. */
  @Property()
  status!: string;

  /** The transaction time the validity window was checked against. */
  @Property()
  checkedAt!: string;

  /** Why EXPIRED: `NOT_YET_VALID` (before validFrom) or `PAST_VALID_UNTIL`; absent otherwise. */
  @Property()
  reason?: string;
}

/** The status after `action`, or FAILED_PRECONDITION when the current status does not allow it. */
export function nextStatus(current: string, action: StatusAction, credentialId: string): CredentialStatusName {
  const transition = TRANSITIONS[action];
  if (!(transition.from as readonly string[]).includes(current)) {
    throw failedPrecondition(`credential ${credentialId} is ${current}; cannot ${action}`);
  }
  return transition.to;
}

/** The status-list bits of a status: revocation bit = REVOKED, suspension bit = SUSPENDED. */
export function statusBits(status: CredentialStatusName): Record<StatusPurpose, boolean> {
  return { revocation: status === CredentialStatus.Revoked, suspension: status === CredentialStatus.Suspended };
}

/** World-state key of a credential. */
export function credentialKey(ctx: Context, credentialId: string): string {
  return keyFor(ctx, 'credential', credentialId);
}

/** Index `credential~subject`: subject, credentialId. */
export const SUBJECT_INDEX = 'credential~subject';

/** The public record; NOT_FOUND when there is none. */
export async function readCredential(ctx: Context, credentialId: string): Promise<Credential> {
  return readJson<Credential>(ctx, credentialKey(ctx, credentialId), 'credential');
}
