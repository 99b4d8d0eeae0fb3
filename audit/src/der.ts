/**
 * The few ASN.1 DER encodings a Fabric block header needs: a SEQUENCE of an INTEGER and two
 * OCTET STRINGs, as Go's `encoding/asn1` writes them (fabric `protoutil.BlockHeaderBytes`).
 *
 * @example
 * ```ts
 * derSequence(derInteger(5n), derOctetString(prev), derOctetString(data));
 * ```
 */

const TAG_INTEGER = 0x02;
const TAG_OCTET_STRING = 0x04;
const TAG_SEQUENCE = 0x30;

/** Definite length: short form below 128, else 0x80|count followed by big-endian bytes. */
function lengthOctets(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return [0x80 | bytes.length, ...bytes];
}

function tagged(tag: number, content: Uint8Array): Uint8Array {
  return Uint8Array.from([tag, ...lengthOctets(content.length), ...content]);
}

/** A non-negative INTEGER: minimal big-endian two's complement (a leading 0 when the top bit is set). */
export function derInteger(value: bigint): Uint8Array {
  if (value < 0n) throw new RangeError('derInteger: negative values are not needed here');
  const bytes: number[] = [];
  for (let n = value; n > 0n; n >>= 8n) bytes.unshift(Number(n & 0xffn));
  if (bytes.length === 0 || (bytes[0] as number) & 0x80) bytes.unshift(0);
  return tagged(TAG_INTEGER, Uint8Array.from(bytes));
}

/** An OCTET STRING; empty for an absent value, as Go encodes a nil slice. */
export function derOctetString(bytes: Uint8Array): Uint8Array {
  return tagged(TAG_OCTET_STRING, bytes);
}

/** A SEQUENCE of already encoded members. */
export function derSequence(...members: Uint8Array[]): Uint8Array {
  return tagged(TAG_SEQUENCE, Buffer.concat(members));
}
