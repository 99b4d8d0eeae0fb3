/**
 * Fabric's block hashes (fabric `protoutil/blockutils.go`):
 * - the header hash is SHA-256 of the header's ASN.1 DER `SEQUENCE { number INTEGER,
 *   previousHash OCTET STRING, dataHash OCTET STRING }`; the next block's `previousHash` holds it;
 * - the data hash is SHA-256 of the block's envelopes concatenated, as the header's `dataHash`.
 * Metadata (orderer signatures, the peer's validation flags) is covered by neither.
 *
 * @example
 * ```ts
 * equalBytes(next.header.previousHash, blockHeaderHash(block.header)); // chain link holds
 * equalBytes(block.header.dataHash, blockDataHash(block.data));        // content unchanged
 * ```
 */
import { createHash } from 'node:crypto';
import type { BlockHeaderFields } from './block';
import { derInteger, derOctetString, derSequence } from './der';

/** The bytes the header hash is computed over (`BlockHeaderBytes`). */
export function blockHeaderBytes(header: BlockHeaderFields): Uint8Array {
  return derSequence(derInteger(BigInt(header.number)), derOctetString(header.previousHash), derOctetString(header.dataHash));
}

/** SHA-256 of {@link blockHeaderBytes}: the block's hash. */
export function blockHeaderHash(header: BlockHeaderFields): Uint8Array {
  return createHash('sha256').update(blockHeaderBytes(header)).digest();
}

/** SHA-256 of the concatenated envelopes (`ComputeBlockDataHash`). */
export function blockDataHash(data: readonly Uint8Array[]): Uint8Array {
  const hash = createHash('sha256');
  for (const envelope of data) hash.update(envelope);
  return hash.digest();
}

/** Byte-wise equality. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** Lowercase hex, as reports show hashes. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
