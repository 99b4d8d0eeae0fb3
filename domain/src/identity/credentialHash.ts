/**
 * A credential document's hash: the lowercase hex SHA-256 of its canonical JSON (keys sorted
 * recursively, no whitespace), so it covers every field including the claims, exactly as
 * written (`...00Z` and `...00.000Z` hash differently). Only the hash goes on the ledger; the
 * chaincode computes it at issuance and `verify`, the audit tool for a presented document.
 *
 * @example
 * ```ts
 * const hash = credentialHash(document, 'credential');   // INVALID_ARGUMENT for 1e400
 * ```
 */
import { invalidArgument } from '../errors';
import { canonicalJson } from '../json';
import { sha256Hex } from '../crypto';

/** Lowercase hex SHA-256 of the document's canonical JSON. */
export function credentialHash(document: unknown, field: string): string {
  return sha256Hex(canonicalDocument(document, field));
}

/** The document's canonical JSON; INVALID_ARGUMENT naming `field` when it has none. */
export function canonicalDocument(document: unknown, field: string): string {
  try {
    return canonicalJson(document);
  } catch {
    // JSON.parse turns 1e400 into Infinity, which has no canonical form.
    throw invalidArgument(`${field} must contain only finite numbers`);
  }
}
