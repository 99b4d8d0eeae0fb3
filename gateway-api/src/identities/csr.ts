/**
 * A PKCS #10 certificate request (RFC 2986) for a P-256 key made in the gateway: the private
 * key never leaves it, only the request goes to the CA. Fabric CA insists that the subject's
 * CN is the enrollment ID; it sets the rest of the subject (OU, attributes) itself.
 *
 * @example
 * ```ts
 * const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
 * const pem = certificateRequest('permit-portal.registry', privateKey, publicKey);
 * ```
 */
import type { KeyObject } from 'node:crypto';
import { bitString, integer, lowSEcdsaSign, oid, sequence, set, tlv, utf8String } from './der';

const COMMON_NAME = '2.5.4.3';
const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';

/** The CSR, PEM-encoded, signed with `privateKey`. */
export function certificateRequest(commonName: string, privateKey: KeyObject, publicKey: KeyObject): string {
  const subject = sequence(set(sequence(oid(COMMON_NAME), utf8String(commonName))));
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const noAttributes = tlv(0xa0);
  const info = sequence(integer(Buffer.from([0])), subject, spki, noAttributes);
  const der = sequence(info, sequence(oid(ECDSA_WITH_SHA256)), bitString(lowSEcdsaSign(privateKey, info)));
  const body = der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE REQUEST-----\n${body}\n-----END CERTIFICATE REQUEST-----\n`;
}
