/**
 * Device readings: what a device measured, and the same reading signed by the device's key.
 * The signature covers the canonical JSON of `reading` only ({@link readingSigningBytes}), so
 * the key version travels beside it and the collector and the chaincode verify alike.
 *
 * @example
 * ```ts
 * const reading: DeviceReading = { deviceId: 'MTR-1', seq: 7, takenAt: '2026-05-01T12:00:00Z', measurements: { exportedKWh: 3.2 } };
 * const signed = validate(SignedDeviceReading, body, 'reading');   // INVALID_ARGUMENT: reading.reading.seq must be at least 1
 * ```
 */
import { Type } from '@sinclair/typebox';
import { Id, Timestamp, withMessage } from '../schemas';

/** Most named measurements in one reading. */
export const MAX_MEASUREMENTS = 16;

/** A measurement's name: a letter, then up to 63 letters, digits or `_`. */
export const MEASUREMENT_NAME_PATTERN = '^[A-Za-z][A-Za-z0-9_]{0,63}$';

/** Named finite numbers, e.g. `{"exportedKWh": 3.2, "importedKWh": 0}`. */
export const Measurements = Type.Object(
  {},
  {
    additionalProperties: Type.Number(),
    minProperties: 1,
    maxProperties: MAX_MEASUREMENTS,
    propertyNames: { pattern: MEASUREMENT_NAME_PATTERN },
    description: `1..${MAX_MEASUREMENTS} named finite numbers; names match ${MEASUREMENT_NAME_PATTERN}`,
  },
);
export type Measurements = Record<string, number>;

/** What a device measured; `seq` is strictly increasing per device. */
export const DeviceReading = Type.Object(
  {
    deviceId: Id,
    seq: Type.Integer({ minimum: 1, description: 'Strictly increasing per device' }),
    takenAt: Timestamp,
    measurements: Measurements,
  },
  { additionalProperties: false },
);
export interface DeviceReading {
  deviceId: string;
  seq: number;
  takenAt: string;
  measurements: Measurements;
}

/** A DER ECDSA signature, base64 (P-256 signatures are at most 72 bytes). */
export const ReadingSignature = withMessage(
  Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9+/]+={0,2}$', description: 'Base64 of a DER ECDSA P-256 signature (low S)' }),
  'must be a base64 DER ECDSA signature',
);

/** A reading as the device sent it: signed with key `keyVersion` over the canonical JSON of `reading`. */
export const SignedDeviceReading = Type.Object(
  {
    reading: DeviceReading,
    keyVersion: Type.Integer({ minimum: 1 }),
    signature: ReadingSignature,
  },
  { additionalProperties: false },
);
export interface SignedDeviceReading {
  reading: DeviceReading;
  keyVersion: number;
  signature: string;
}

/** A page of a device's readings, oldest first. */
export const DeviceReadings = Type.Array(SignedDeviceReading);
