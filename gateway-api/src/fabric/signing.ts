/**
 * ECDSA signing through Node's crypto (OpenSSL) for P-256 keys, the curve Fabric CA issues.
 * fabric-gateway's own signer computes in JavaScript (@noble/curves): about 2.8 ms of CPU per
 * signature against 0.1 ms here, and every ledger call signs, so it was the gateway's largest
 * cost per request. Node signs a whole message (it hashes itself), so the connection must hash
 * nothing (`hash.none`); the signature is made low-S, as Fabric requires, and DER-encoded.
 *
 * @example
 * ```ts
 * const signer = p256Signer(identity.privateKey);   // undefined for another kind of key
 * connect({ client, identity: { mspId, credentials }, signer, hash: hash.none });
 * ```
 */
import type { Signer } from '@hyperledger/fabric-gateway';
import { sign, type KeyObject } from 'node:crypto';

/** The order of P-256's group, and half of it: Fabric refuses an S above the half. */
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const P256_HALF_ORDER = P256_ORDER >> 1n;

/** A signer of whole messages with a P-256 key, or undefined for any other key. */
export function p256Signer(privateKey: KeyObject): Signer | undefined {
  if (privateKey.asymmetricKeyType !== 'ec' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') return undefined;
  return (message) => {
    const raw = sign('sha256', message, { key: privateKey, dsaEncoding: 'ieee-p1363' });
    let s = BigInt(`0x${raw.subarray(32).toString('hex')}`);
    if (s > P256_HALF_ORDER) s = P256_ORDER - s;
    return Promise.resolve(derSignature(raw.subarray(0, 32), Buffer.from(s.toString(16).padStart(64, '0'), 'hex')));
  };
}

/** ASN.1 SEQUENCE { INTEGER r, INTEGER s }; both fit in 33 bytes, so every length is one byte. */
function derSignature(r: Uint8Array, s: Uint8Array): Uint8Array {
  const body = Buffer.concat([derInteger(r), derInteger(s)]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

/** A positive big-endian INTEGER: no leading zero bytes, one zero byte before a set top bit. */
function derInteger(bytes: Uint8Array): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const value = Buffer.from(bytes.subarray(start));
  const content = (value[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), value]) : value;
  return Buffer.concat([Buffer.from([0x02, content.length]), content]);
}
