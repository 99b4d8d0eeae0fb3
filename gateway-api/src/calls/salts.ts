/**
 * Salts the gateway generates for the chaincode, which has no randomness of its own. A salt
 * makes a public hash of private data unguessable (no dictionary attack on names and dates),
 * so it comes from node:crypto, never from the caller.
 *
 * @example
 * ```ts
 * const vital = { salt: certificateSalt(), details };   // printed on the certificate
 * const citizen = { salt: privateDataSalt(), ...personal };
 * ```
 */
import { randomBytes } from 'node:crypto';

/** A vital-record certificate salt: 32 random bytes as 64 lower-case hex characters (the chaincode's format). */
export function certificateSalt(): string {
  return randomBytes(32).toString('hex');
}

/** A salt inside hashed private data (citizens, supplier terms): 16 random bytes, base64url (22 characters). */
export function privateDataSalt(): string {
  return randomBytes(16).toString('base64url');
}
