/**
 * Hashes. node:crypto's SHA-256 is deterministic, so it is safe in chaincode.
 *
 * @example
 * ```ts
 * // Public state of a vital record keeps only a salted hash of the private document.
 * const hash = saltedHash(salt, certificate);   // 64 lowercase hex chars
 * ```
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './json';

/** Lowercase hex SHA-256 of a UTF-8 string or of raw bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 hex of `salt + canonicalJson(document)`: anyone holding salt and document can re-check it. */
export function saltedHash(salt: string, document: unknown): string {
  return sha256Hex(salt + canonicalJson(document));
}
