/**
 * Where the gateway finds the Fabric identity each principal acts as. Every principal has its
 * own identity (certificate and key), enrolled with the org's Fabric CA and carrying its
 * `city.role` attribute; there is no shared super-identity.
 *
 * @example
 * ```ts
 * const { mspId, credentials, privateKey } = await identities.get('clerk1');
 * ```
 */
import type { KeyObject } from 'node:crypto';

/** An enrolled identity: what fabric-gateway needs to sign as this user. */
export interface FabricIdentity {
  readonly user: string;
  readonly mspId: string;
  /** The X.509 certificate, PEM bytes. */
  readonly credentials: Uint8Array;
  readonly privateKey: KeyObject;
}

/** Reads enrolled identities. Throws {@link IdentityError} when one is missing or unsafe. */
export interface IdentityStore {
  get(user: string): Promise<FabricIdentity>;
}

/** Why an identity is revoked (RFC 5280 reason codes the CA records in its CRL). */
export const REVOCATION_REASONS = ['unspecified', 'keyCompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation', 'privilegeWithdrawn'] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

/**
 * Registering, enrolling and revoking identities through the org's Fabric CA, the new key
 * written into the keystore with mode 0600. `FabricCaEnroller` implements it over the CA's
 * REST API; the admin routes (routes/identities.ts) depend only on this interface.
 *
 * @example
 * ```ts
 * const secret = await enroller.register({ user: 'permit-portal', role: 'clerk' });
 * await enroller.enroll('permit-portal', secret);        // then identities.get('permit-portal') works
 * await enroller.revoke('permit-portal', 'keyCompromise');
 * ```
 */
export interface IdentityEnroller {
  /** Registers a client with the `city.role` attribute; answers its one-time enrollment secret. */
  register(request: { readonly user: string; readonly role: string }): Promise<string>;
  /** Enrolls the user (a fresh key pair, never leaving the gateway) and stores the identity. */
  enroll(user: string, secret: string): Promise<FabricIdentity>;
  /** Revokes every certificate of the user and removes it from the keystore. */
  revoke(user: string, reason: RevocationReason): Promise<void>;
}

/** An identity that cannot be used; the message names the user and the file. */
export class IdentityError extends Error {
  constructor(
    readonly user: string,
    problem: string,
  ) {
    super(`identity ${user}: ${problem}`);
    this.name = 'IdentityError';
  }
}
