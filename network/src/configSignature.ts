import { createPrivateKey, randomBytes, sign, verify, X509Certificate } from 'node:crypto';
import { serializedIdentity, signatureHeader } from './protobuf';

/**
 * One org admin's signature of a config update, as kept in the exchange folder
 * (`signatures/<MSP ID>.json`): who signed, with which certificate and nonce, and the ECDSA
 * signature over the signature header and the update's bytes, exactly as Fabric checks it.
 *
 * @example
 * const signature = signConfigUpdate(update, { mspId: 'RegistryMSP', certPem, keyPem });
 * signatureProblem(signature, update, rootPem); // undefined: it verifies, by an admin
 */
export interface ConfigSignature {
  readonly mspId: string;
  readonly certificate: string;
  /** base64 */
  readonly nonce: string;
  /** base64 DER */
  readonly signature: string;
}

/** An identity's MSP folder as the network scripts enroll it: signcerts/cert.pem and keystore/key.pem. */
export interface SigningIdentity {
  readonly mspId: string;
  readonly certPem: string;
  readonly keyPem: string;
}

/** Curve orders, for Fabric's low-S rule (it refuses the other of the two valid signatures). */
const ORDERS: Record<string, bigint> = {
  prime256v1: BigInt('0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551'),
  secp384r1: BigInt('0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973'),
};

function derInteger(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return Buffer.concat([Buffer.from([0x02, bytes.length]), bytes]);
}

/** ECDSA over SHA-256, DER-encoded with a low S. */
function lowSSignature(data: Buffer, keyPem: string): Buffer {
  const key = createPrivateKey(keyPem);
  const order = ORDERS[key.asymmetricKeyDetails?.namedCurve ?? ''];
  if (order === undefined) throw new Error(`unsupported key curve ${key.asymmetricKeyDetails?.namedCurve ?? key.asymmetricKeyType ?? ''}`);
  const raw = sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' });
  const half = raw.length / 2;
  const r = BigInt(`0x${raw.subarray(0, half).toString('hex')}`);
  let s = BigInt(`0x${raw.subarray(half).toString('hex')}`);
  if (s > order / 2n) s = order - s;
  const body = Buffer.concat([derInteger(r), derInteger(s)]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

/** The signature header a {@link ConfigSignature} stands for. */
export function headerOf(signature: ConfigSignature): Buffer {
  return signatureHeader(serializedIdentity(signature.mspId, signature.certificate), Buffer.from(signature.nonce, 'base64'));
}

export function signConfigUpdate(update: Buffer, identity: SigningIdentity): ConfigSignature {
  const unsigned = { mspId: identity.mspId, certificate: identity.certPem, nonce: randomBytes(24).toString('base64') };
  const signature = lowSSignature(Buffer.concat([headerOf({ ...unsigned, signature: '' }), update]), identity.keyPem);
  return { ...unsigned, signature: signature.toString('base64') };
}

/** Whether a certificate carries the admin role (NodeOU `OU=admin`, set by Fabric CA from the identity type). */
export function isAdminCertificate(cert: X509Certificate): boolean {
  return cert.subject.split(/\n|\+/).includes('OU=admin');
}

/** What is wrong with a signature of `update`, checked against the signing org's CA roots; undefined when nothing. */
export function signatureProblem(signature: ConfigSignature, update: Buffer, rootsPem: readonly string[]): { code: 'TAMPERED' | 'NOT_ADMIN' | 'WRONG_ORG'; message: string } | undefined {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(signature.certificate);
  } catch {
    return { code: 'TAMPERED', message: `the signature of ${signature.mspId} holds no valid certificate` };
  }
  if (!rootsPem.some((root) => cert.verify(new X509Certificate(root).publicKey))) {
    return { code: 'WRONG_ORG', message: `the certificate of ${cert.subject.replace(/\n/g, ', ')} was not issued by a CA of ${signature.mspId}` };
  }
  if (!isAdminCertificate(cert)) return { code: 'NOT_ADMIN', message: `${cert.subject.replace(/\n/g, ', ')} is not an admin of ${signature.mspId}` };
  const valid = verify('sha256', Buffer.concat([headerOf(signature), update]), cert.publicKey, Buffer.from(signature.signature, 'base64'));
  if (!valid) return { code: 'TAMPERED', message: `the signature of ${signature.mspId} does not match the update's bytes` };
  return undefined;
}
