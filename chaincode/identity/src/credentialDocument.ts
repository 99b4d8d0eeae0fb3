/**
 * The credential document a holder presents, and its hash. Its fields and limits are declared
 * once, in @city-ledger/domain (identity/credential).
 *
 * ```json
 * {
 *   "id": "CRED-2025-0001",
 *   "type": "residency",
 *   "schema": { "id": "https://schemas.city-ledger.example/credentials/residency", "version": "1.0" },
 *   "subject": "CIT-7f3a9c",
 *   "issuer": "RegistryMSP",
 *   "validFrom": "2025-01-01T00:00:00Z",
 *   "validUntil": "2026-01-01T00:00:00Z",
 *   "claims": { "district": "North" }
 * }
 * ```
 *
 * The hash is the lowercase hex SHA-256 of the document's canonical JSON (see `credentialHash` in
 * @city-ledger/domain). Only the hash goes on the ledger; the claims never do.
 *
 * @example
 * ```ts
 * const doc = parseCredentialDocument(readTransientJson(ctx, 'credential'), 'credential');
 * const hash = credentialHash(doc, 'credential');
 * ```
 */
import { invalidArgument, isoToMillis, requireObject } from '@city-ledger/chaincode-common';
import { canonicalDocument, CredentialDocument, PresentedCredential, validate } from '@city-ledger/domain';

export { credentialHash, type CredentialDocument, type SchemaRef } from '@city-ledger/domain';

/** Largest canonical JSON of a whole document, in characters. */
export const MAX_DOCUMENT_CHARS = 16_384;

/**
 * Validates a document for issuance: every field present and well-formed, no unknown field,
 * `validUntil` after `validFrom`, at most {@link MAX_DOCUMENT_CHARS}. INVALID_ARGUMENT otherwise.
 */
export function parseCredentialDocument(value: unknown, field: string): CredentialDocument {
  const doc = validate(CredentialDocument, value, field);
  if ((isoToMillis(doc.validUntil) as number) <= (isoToMillis(doc.validFrom) as number)) {
    throw invalidArgument(`${field}.validUntil must be after ${field}.validFrom`);
  }
  if (canonicalDocument(doc, field).length > MAX_DOCUMENT_CHARS) {
    throw invalidArgument(`${field} must be at most ${MAX_DOCUMENT_CHARS} characters as canonical JSON`);
  }
  return doc;
}

/**
 * Reads a presented credential for `verify`: any JSON object with a valid `id`. The other
 * fields are deliberately NOT validated: whatever differs from the issued document shows up
 * as a hash mismatch (TAMPERED), not as an input error.
 */
export function parsePresentedCredential(value: unknown, field: string): { id: string; document: Record<string, unknown> } {
  const document = requireObject(value, field);
  return { id: validate(PresentedCredential, document, field).id, document };
}
