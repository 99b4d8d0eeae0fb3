/**
 * A simulated device for tests and benchmarks: a fresh P-256 key pair, its registration JSON
 * and the readings it signs (meter measurements `exportedKWh`, `importedKWh`).
 *
 * @example
 * ```ts
 * const meter = testDevice('MTR-1');
 * await ledger.invoke(devices, 'registerDevice', officer, [meter.registration()]);
 * await ledger.invoke(readings, 'submitReading', officer, [meter.signedJson(1, '2025-01-01T00:00:00Z')]);
 * ```
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { SignedDeviceReading } from './reading';
import { signReading } from './signature';

/** How a simulated device signs: key version and key (default: its own, 1), and what it measured (default a meter's kWh). */
export interface SigningOptions {
  keyVersion?: number;
  privateKey?: KeyObject;
  kWh?: number;
  measurements?: Record<string, number>;
}

/** A simulated device. */
export interface TestDevice {
  readonly id: string;
  readonly publicKeyPem: string;
  /** Its registerDevice argument. */
  registration(overrides?: Record<string, unknown>): string;
  /** A reading it signs with `privateKey` (default: its own) as key `keyVersion`. */
  signed(seq: number, takenAt: string, options?: SigningOptions): SignedDeviceReading;
  signedJson(seq: number, takenAt: string, options?: SigningOptions): string;
}

/** A fresh P-256 key pair, the public key as SPKI PEM. */
export function p256(): { privateKey: KeyObject; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string };
}

/** A device `id` with a fresh key. */
export function testDevice(id: string): TestDevice {
  const { privateKey, publicKeyPem } = p256();
  const signed: TestDevice['signed'] = (seq, takenAt, options = {}) =>
    signReading(
      { deviceId: id, seq, takenAt, measurements: options.measurements ?? { exportedKWh: options.kWh ?? 1.5, importedKWh: 0 } },
      options.privateKey ?? privateKey,
      options.keyVersion ?? 1,
    );
  return {
    id,
    publicKeyPem,
    registration: (overrides = {}) => JSON.stringify({ id, kind: 'METER', owner: 'CIT-7', location: 'Elm St 4', publicKeyPem, ...overrides }),
    signed,
    signedJson: (seq, takenAt, options) => JSON.stringify(signed(seq, takenAt, options)),
  };
}
