/**
 * Eligibility to vote: a valid credential of the round's type in the `identity` chaincode, read
 * there (`credentials:getCredential`) with the caller's identity, never taken from the caller.
 * Valid means ACTIVE and within its validity window at the transaction time.
 *
 * @example
 * ```ts
 * const credential = await requireEligibleCredential(ctx, 'CRED-1', 'residency');   // { id, subject, issuer, ... }
 * ```
 */
import { failedPrecondition, isoToMillis, readFromChaincode, txTimeMillis } from '@city-ledger/chaincode-common';
import type { Credential, CredentialType } from '@city-ledger/domain';
import type { Context } from 'fabric-contract-api';

/** The identity chaincode and its credential read. */
export const IDENTITY_CHAINCODE = 'identity';
export const GET_CREDENTIAL_FUNCTION = 'credentials:getCredential';

/** The part of identity's credential record eligibility relies on. */
export type EligibilityCredential = Pick<Credential, 'id' | 'type' | 'subject' | 'status' | 'validFrom' | 'validUntil' | 'issuer'>;

/** Reads credential `credentialId` and requires it to be a valid `type` credential (FAILED_PRECONDITION, NOT_FOUND). */
export async function requireEligibleCredential(ctx: Context, credentialId: string, type: CredentialType): Promise<EligibilityCredential> {
  const credential = await readFromChaincode<EligibilityCredential>(ctx, { chaincode: IDENTITY_CHAINCODE, fn: GET_CREDENTIAL_FUNCTION, kind: 'credential', id: credentialId });
  const now = txTimeMillis(ctx);
  const from = isoToMillis(String(credential.validFrom));
  const until = isoToMillis(String(credential.validUntil));
  const within = from !== undefined && until !== undefined && from <= now && now < until;
  if (credential.type !== type || credential.status !== 'ACTIVE' || !within || typeof credential.subject !== 'string' || typeof credential.issuer?.msp !== 'string') {
    throw failedPrecondition(`credential ${credentialId} is not a valid ${type} credential`);
  }
  return credential;
}
