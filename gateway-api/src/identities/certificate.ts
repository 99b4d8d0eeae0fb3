/**
 * What the gateway reports about an enrolled certificate, including the attributes Fabric CA
 * puts in it (extension 1.2.3.4.5.6.7.8.1, JSON `{"attrs":{"city.role":"clerk",…}}`): the
 * same attributes the chaincode reads with `ctx.clientIdentity.getAttributeValue`.
 *
 * @example
 * ```ts
 * certificateInfo(pem).attrs['city.role'];   // 'clerk'
 * ```
 */
import { X509Certificate } from 'node:crypto';
import { oid } from './der';

export interface CertificateInfo {
  /** Hex serial number, lower case (as Fabric CA reports it). */
  readonly serial: string;
  readonly subject: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly attrs: Readonly<Record<string, string>>;
}

const ATTRIBUTES_EXTENSION = oid('1.2.3.4.5.6.7.8.1');

export function certificateInfo(pem: string | Uint8Array): CertificateInfo {
  const cert = new X509Certificate(typeof pem === 'string' ? pem : Buffer.from(pem));
  return {
    serial: cert.serialNumber.toLowerCase(),
    subject: cert.subject,
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    attrs: fabricAttributes(cert.raw),
  };
}

/** The extension's value: an OCTET STRING of JSON right after the OID (and an optional critical flag). */
function fabricAttributes(der: Buffer): Record<string, string> {
  const at = der.indexOf(ATTRIBUTES_EXTENSION);
  if (at < 0) return {};
  let pos = at + ATTRIBUTES_EXTENSION.length;
  if (der[pos] === 0x01) pos += 3; // BOOLEAN critical
  if (der[pos] !== 0x04) return {};
  let len = der[pos + 1] ?? 0;
  pos += 2;
  if (len & 0x80) {
    const count = len & 0x7f;
    len = der.subarray(pos, pos + count).reduce((n, byte) => n * 256 + byte, 0);
    pos += count;
  }
  try {
    const parsed = JSON.parse(der.subarray(pos, pos + len).toString('utf8')) as { attrs?: Record<string, unknown> };
    return Object.fromEntries(Object.entries(parsed.attrs ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}
