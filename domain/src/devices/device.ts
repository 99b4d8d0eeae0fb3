/**
 * Devices (devices chaincode, `devices` contract): meters, cold-chain loggers and sensors that
 * sign their own readings with a P-256 key registered here. A rotation adds a key version and
 * keeps the older ones, so readings signed before it still verify.
 *
 * @example
 * ```ts
 * const input = parseJson(DeviceInput, raw, 'device');   // INVALID_ARGUMENT: device.kind must be one of: METER, LOGGER, SENSOR
 * ```
 */
import { Type, type Static } from '@sinclair/typebox';
import { described, Enum, Id, Text, Timestamp, withMessage } from '../schemas';

/** What a device is. */
export const DEVICE_KINDS = ['METER', 'LOGGER', 'SENSOR'] as const;
export const DeviceKind = Enum(DEVICE_KINDS);
export type DeviceKind = Static<typeof DeviceKind>;

/** ACTIVE devices submit readings; SUSPENDED may be reactivated; RETIRED is final. */
export const DEVICE_STATUSES = ['ACTIVE', 'SUSPENDED', 'RETIRED'] as const;
export const DeviceStatus = Enum(DEVICE_STATUSES);
export type DeviceStatus = Static<typeof DeviceStatus>;

/** A P-256 public key as SPKI PEM; {@link parseDevicePublicKey} checks the curve. */
export const PublicKeyPem = withMessage(
  Type.String({
    maxLength: 1000,
    pattern: '^-----BEGIN PUBLIC KEY-----\\r?\\n[A-Za-z0-9+/=\\r\\n]+-----END PUBLIC KEY-----\\r?\\n?$',
    description: 'P-256 public key, SPKI PEM (-----BEGIN PUBLIC KEY-----)',
  }),
  'must be a P-256 public key in SPKI PEM form',
);

/** One key version of a device; `retiredAt` is set when a rotation replaced it. */
export const DeviceKey = Type.Object(
  {
    keyVersion: Type.Integer({ minimum: 1 }),
    publicKeyPem: PublicKeyPem,
    activeFrom: Timestamp,
    retiredAt: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
);
export type DeviceKey = Static<typeof DeviceKey>;

/** The `deviceJson` argument of registerDevice. */
export const DeviceInput = Type.Object(
  {
    id: Id,
    kind: DeviceKind,
    owner: described(Id, 'A pseudonymous citizen ID or a department name'),
    location: Text(300, 'Where the device is installed'),
    publicKeyPem: PublicKeyPem,
  },
  { additionalProperties: false },
);
export type DeviceInput = Static<typeof DeviceInput>;

/** A registered device. `publicKeyPem` and `keyVersion` are the current key; `keys` holds every version, oldest first. */
export const Device = Type.Object(
  {
    ...DeviceInput.properties,
    location: Type.String(),
    status: DeviceStatus,
    keyVersion: Type.Integer({ minimum: 1 }),
    keys: Type.Array(DeviceKey),
    registeredBy: Type.String({ description: 'Name of the department that registered the device' }),
    registeredAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false },
);
export type Device = Static<typeof Device>;

/** The `rotationJson` argument of rotateDeviceKey: the new key. */
export const KeyRotationInput = Type.Object({ publicKeyPem: PublicKeyPem }, { additionalProperties: false });
export type KeyRotationInput = Static<typeof KeyRotationInput>;
