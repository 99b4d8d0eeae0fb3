/**
 * Bitstrings for status lists, in the spirit of W3C Bitstring Status List: bit `i` is the
 * status of the credential whose `statusListIndex` is `i`. Index 0 is the LEFT-MOST (most
 * significant) bit of byte 0, as in the W3C specification. Pure functions, no ledger access.
 *
 * Encoding: base64url WITHOUT padding of the raw bytes. Unlike W3C's `encodedList` the bytes
 * are NOT GZIP-compressed and carry no multibase prefix.
 *
 * @example
 * ```ts
 * let bits = new Uint8Array(2);
 * bits = setBit(bits, 9, true);          // grows the array when needed, never mutates
 * getBit(bits, 9);                       // true
 * encodeBase64Url(bits);                 // 'AEA'
 * ```
 */

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Bytes needed to hold `bits` bits. */
export function bytesForBits(bits: number): number {
  requireIndex(bits);
  return Math.ceil(bits / 8);
}

/** Bit `index`; indexes past the end of the array read as false (never set). */
export function getBit(bytes: Uint8Array, index: number): boolean {
  requireIndex(index);
  const byte = bytes[index >> 3];
  return byte !== undefined && (byte & (0x80 >> (index & 7))) !== 0;
}

/** A copy of `bytes` with bit `index` set to `value`, grown with zero bytes when `index` is past the end. */
export function setBit(bytes: Uint8Array, index: number, value: boolean): Uint8Array {
  requireIndex(index);
  const copy = padBytes(bytes, (index >> 3) + 1);
  const mask = 0x80 >> (index & 7);
  const at = index >> 3;
  copy[at] = value ? (copy[at] as number) | mask : (copy[at] as number) & ~mask;
  return copy;
}

/** A copy of `bytes` extended with zero bytes to at least `length` bytes. */
export function padBytes(bytes: Uint8Array, length: number): Uint8Array {
  requireIndex(length);
  const copy = new Uint8Array(Math.max(bytes.length, length));
  copy.set(bytes);
  return copy;
}

/** base64url (RFC 4648 section 5) without padding. */
export function encodeBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

/** Decodes unpadded base64url; throws RangeError on any other alphabet or an impossible length. */
export function decodeBase64Url(text: string): Uint8Array {
  if (!BASE64URL.test(text) || text.length % 4 === 1) {
    throw new RangeError('decodeBase64Url: not unpadded base64url');
  }
  return new Uint8Array(Buffer.from(text, 'base64url'));
}

function requireIndex(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`bitstring: ${n} is not a non-negative integer`);
  }
}
