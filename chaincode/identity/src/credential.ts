/**
 * Credentials on the ledger: where the public record lives, and the status state machine. The
 * record and the verification result are declared once, in @city-ledger/domain (identity/credential).
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
import type { Credential, CredentialStatus as CredentialStatusName, StatusPurpose, VerificationResult } from '@city-ledger/domain';
import type { Context } from 'fabric-contract-api';

export type { Credential, CredentialIssuer, VerificationResult } from '@city-ledger/domain';
export type { CredentialStatusName };

/** Credential statuses by name (the schema `CredentialStatus` in @city-ledger/domain lists them). */
export const CredentialStatus = { Active: 'ACTIVE', Suspended: 'SUSPENDED', Revoked: 'REVOKED' } as const satisfies Record<string, CredentialStatusName>;

/** What an issuer can do to a credential's status. */
export type StatusAction = 'suspend' | 'reinstate' | 'revoke';

const TRANSITIONS: Readonly<Record<StatusAction, { from: readonly CredentialStatusName[]; to: CredentialStatusName }>> = {
  suspend: { from: [CredentialStatus.Active], to: CredentialStatus.Suspended },
  reinstate: { from: [CredentialStatus.Suspended], to: CredentialStatus.Active },
  revoke: { from: [CredentialStatus.Active, CredentialStatus.Suspended], to: CredentialStatus.Revoked },
};

/** Answers of `verify` by name (`VERIFICATION_STATUSES` in @city-ledger/domain lists them). */
export const VerificationStatus = {
  Valid: 'VALID',
  Revoked: 'REVOKED',
  Suspended: 'SUSPENDED',
  Expired: 'EXPIRED',
  Unknown: 'UNKNOWN',
  Tampered: 'TAMPERED',
} as const satisfies Record<string, VerificationResult['status']>;

/** One of {@link VerificationStatus}. */
export type VerificationStatusName = VerificationResult['status'];

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
