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

/**
 * The later half (issue 5, admin routes): registering, enrolling and revoking identities through
 * the org's Fabric CA, writing the new key into the keystore with mode 0600. Not implemented yet;
 * the admin routes will depend on this interface, and an implementation over the Fabric CA REST
 * API (`/api/v1/register`, `/enroll`, `/revoke`, authenticated as the CA registrar) will
 * provide it.
 *
 * @example
 * ```ts
 * const secret = await enroller.register({ user: 'permit-portal', role: 'clerk' });
 * await enroller.enroll('permit-portal', secret);        // then identities.get('permit-portal') works
 * await enroller.revoke('permit-portal', 'keyCompromise');
 * ```
 */
export interface IdentityEnroller {
  /** Registers a user with the `city.role` attribute; answers its one-time enrollment secret. */
  register(request: { readonly user: string; readonly role: string }): Promise<string>;
  /** Enrolls the user (a fresh key pair, never leaving the gateway) and stores the identity. */
  enroll(user: string, secret: string): Promise<FabricIdentity>;
  /** Revokes every certificate of the user and removes it from the keystore. */
  revoke(user: string, reason: string): Promise<void>;
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
