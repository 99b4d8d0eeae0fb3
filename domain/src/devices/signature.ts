/**
 * Device signatures over readings: low-S ECDSA P-256 over SHA-256 of the canonical JSON of the
 * reading, base64 DER, as devices produce them and as the chaincode and the collector check
 * them. Parsed keys are cached by PEM: the collector verifies thousands of readings a second.
 *
 * @example
 * ```ts
 * const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
 * const signed = signReading(reading, privateKey);     // keyVersion 1
 * verifyReadingSignature(signed, publicKey.export({ type: 'spki', format: 'pem' }) as string);   // true
 * ```
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { invalidArgument } from '../errors';
import { lowSEcdsaSign, verifyLowSEcdsa } from '../ecdsa';
import { toBytes } from '../json';
import type { DeviceReading, SignedDeviceReading } from './reading';

/** The bytes a device signs: the canonical JSON of its reading. */
export function readingSigningBytes(reading: DeviceReading): Uint8Array {
  return toBytes(reading);
}

const KEY_CACHE_LIMIT = 10_000;
const keys = new Map<string, KeyObject>();

/** The P-256 public key of `pem`; INVALID_ARGUMENT when it is not an SPKI PEM of a P-256 key. */
export function parseDevicePublicKey(pem: string, field = 'publicKeyPem'): KeyObject {
  let key = keys.get(pem);
  if (key) {
    return key;
  }
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch {
    throw invalidArgument(`${field} must be a P-256 public key in SPKI PEM form`);
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw invalidArgument(`${field} must be a P-256 public key in SPKI PEM form`);
  }
  if (keys.size >= KEY_CACHE_LIMIT) {
    keys.clear();
  }
  keys.set(pem, key);
  return key;
}

/** Whether `signed.signature` is the device key `publicKeyPem`'s low-S signature of `signed.reading`. */
export function verifyReadingSignature(signed: SignedDeviceReading, publicKeyPem: string): boolean {
  return verifyDeviceSignature(publicKeyPem, readingSigningBytes(signed.reading), signed.signature);
}

/** Whether `signatureBase64` is the device key `publicKeyPem`'s low-S signature of `data` (signed bytes, or their UTF-8 text). */
export function verifyDeviceSignature(publicKeyPem: string, data: Uint8Array | string, signatureBase64: string): boolean {
  let key: KeyObject;
  try {
    key = parseDevicePublicKey(publicKeyPem);
  } catch {
    return false;
  }
  return verifyLowSEcdsa(key, typeof data === 'string' ? Buffer.from(data, 'utf8') : data, Buffer.from(signatureBase64, 'base64'));
}

/** Signs `reading` as a device does (tests, benchmarks, device simulators). */
export function signReading(reading: DeviceReading, privateKey: KeyObject, keyVersion = 1): SignedDeviceReading {
  return { reading, keyVersion, signature: lowSEcdsaSign(privateKey, readingSigningBytes(reading)).toString('base64') };
}
