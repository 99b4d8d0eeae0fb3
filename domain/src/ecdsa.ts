/**
 * ECDSA signatures as Fabric accepts them: over SHA-256, DER-encoded, and with S in the lower
 * half of the curve's order (fabric bccsp `IsLowS`): `(r, n - s)` is a second valid signature of
 * the same data, so Fabric refuses the high one. The gateway signs CA tokens and CSRs with it;
 * the audit checks orderers' block signatures with it.
 *
 * @example
 * ```ts
 * const signature = lowSEcdsaSign(privateKey, data); // DER, S <= n/2
 * verifyLowSEcdsa(publicKey, data, signature);       // true
 * ```
 */
import { sign, verify, type KeyObject } from 'node:crypto';

/** Orders of the curves Fabric's MSP uses, by OpenSSL name. */
const ORDER: Readonly<Record<string, bigint>> = {
  prime256v1: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  secp384r1: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
};

const curveOf = (key: KeyObject): string => key.asymmetricKeyDetails?.namedCurve ?? '';
const toBigInt = (bytes: Uint8Array): bigint => BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);

/** A DER INTEGER of a non-negative value (short-form length: r and s of these curves fit). */
function derInteger(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (Number.parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
  const bytes = Buffer.from(hex, 'hex');
  return Buffer.concat([Buffer.from([0x02, bytes.length]), bytes]);
}

/** S of a DER `SEQUENCE { INTEGER r, INTEGER s }`, or undefined when the bytes are not one. */
function derS(signature: Uint8Array): bigint | undefined {
  // Where the INTEGER at `at` ends; only S is converted (the collector checks thousands a second).
  const integerEnd = (at: number): number | undefined => {
    const length = signature[at + 1];
    if (signature[at] !== 0x02 || length === undefined || length >= 0x80 || at + 2 + length > signature.length) return undefined;
    return at + 2 + length;
  };
  if (signature[0] !== 0x30 || (signature[1] ?? 0x80) >= 0x80) return undefined;
  const rEnd = integerEnd(2);
  const sEnd = rEnd === undefined ? undefined : integerEnd(rEnd);
  return rEnd !== undefined && sEnd === signature.length ? toBigInt(signature.subarray(rEnd + 2, sEnd)) : undefined;
}

/** Half of each curve's order: the largest low S. */
const HALF_ORDER: Readonly<Record<string, bigint>> = Object.fromEntries(Object.entries(ORDER).map(([curve, order]) => [curve, order / 2n]));

/** Whether a DER ECDSA signature's S is at most half the order of `curve` (P-256 by default). */
export function isLowS(signature: Uint8Array, curve = 'prime256v1'): boolean {
  const s = derS(signature);
  const half = HALF_ORDER[curve];
  return s !== undefined && half !== undefined && s <= half;
}

/** ECDSA over SHA-256, DER-encoded, with S normalised to the lower half of the key's curve order. */
export function lowSEcdsaSign(privateKey: KeyObject, data: Uint8Array): Buffer {
  const order = ORDER[curveOf(privateKey)];
  if (order === undefined) throw new TypeError(`lowSEcdsaSign: unsupported curve ${curveOf(privateKey) || '(not EC)'}`);
  const raw = sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
  const half = raw.length / 2;
  const r = toBigInt(raw.subarray(0, half));
  let s = toBigInt(raw.subarray(half));
  if (s > order / 2n) s = order - s;
  const body = Buffer.concat([derInteger(r), derInteger(s)]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

/** Whether `signature` is a low-S ECDSA signature by `publicKey` over `data`, as Fabric checks it. */
export function verifyLowSEcdsa(publicKey: KeyObject, data: Uint8Array, signature: Uint8Array): boolean {
  if (!isLowS(signature, curveOf(publicKey))) return false;
  try {
    return verify('sha256', data, publicKey, signature);
  } catch {
    return false;
  }
}
