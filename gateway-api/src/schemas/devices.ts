/**
 * Devices and telemetry schemas (devices chaincode and the gateway's telemetry collector).
 * Every record and request is declared once, in @city-ledger/domain (devices/*); this module
 * only shapes the HTTP requests and answers from them.
 */
import {
  Device,
  DeviceInput,
  ERROR_CODES,
  Id,
  KeyRotationInput,
  ReadingProof,
  SignedDeviceReading,
  TelemetryBatch,
  Timestamp,
} from '@city-ledger/domain';
import { Type } from '@sinclair/typebox';

export { Device, ReadingProof, SignedDeviceReading, TelemetryBatch };

/** Most readings in one POST to the collector. */
export const MAX_READINGS_PER_REQUEST = 1000;

export const RegisterDeviceBody = DeviceInput;
export const RotateKeyBody = KeyRotationInput;
export const DeviceHistory = Type.Array(Device);
export const DeviceReadings = Type.Array(SignedDeviceReading);

/** GET /v1/devices/:id/readings: from <= takenAt < to, at most 31 days. */
export const ReadingRangeQuery = Type.Object({ from: Timestamp, to: Timestamp }, { additionalProperties: false });

/** POST /v1/telemetry/readings */
export const TelemetryReadingsBody = Type.Object(
  { readings: Type.Array(SignedDeviceReading, { minItems: 1, maxItems: MAX_READINGS_PER_REQUEST }) },
  { additionalProperties: false },
);

/** The collector's answer: how many it kept, and why it refused the others. */
export const TelemetryAccepted = Type.Object(
  {
    accepted: Type.Integer({ minimum: 0 }),
    refused: Type.Array(
      Type.Object({
        index: Type.Integer({ minimum: 0, description: 'Position in `readings`' }),
        code: Type.Unsafe<string>({ type: 'string', enum: [...ERROR_CODES] }),
        detail: Type.String(),
      }),
    ),
  },
  { additionalProperties: false },
);

/** Path of one reading held by the collector. */
export const ReadingParams = Type.Object(
  { deviceId: Id, seq: Type.String({ pattern: '^[1-9][0-9]{0,14}$', description: 'The reading’s seq' }) },
  { additionalProperties: false },
);

/** A proof and the anchor transaction behind it. */
export const AnchoredProof = Type.Object(
  { ...ReadingProof.properties, anchor: Type.Object({ txId: Type.String(), blockNumber: Type.Integer({ minimum: 0 }) }) },
  { additionalProperties: false },
);

/** POST /v1/telemetry/proof-checks: a proof as GET .../proof answers it (its `anchor` is ignored). */
export const ProofCheckBody = Type.Object({ ...ReadingProof.properties, anchor: Type.Optional(Type.Unknown()) }, { additionalProperties: false });

/** The verdict: MATCH only when the leaf, the anchored root, the anchored range and the device signature all hold. */
export const ProofCheck = Type.Object(
  {
    result: Type.Unsafe<'MATCH' | 'MISMATCH'>({ type: 'string', enum: ['MATCH', 'MISMATCH'] }),
    batchId: Id,
    anchoredRoot: Type.String(),
    checks: Type.Object({ leaf: Type.Boolean(), root: Type.Boolean(), range: Type.Boolean(), signature: Type.Optional(Type.Boolean()) }),
  },
  { additionalProperties: false },
);
