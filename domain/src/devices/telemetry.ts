/**
 * Telemetry batches: the collector keeps device-signed readings off-chain and anchors each
 * batch in one `anchorBatch` transaction, with the Merkle root over the batch's readings, their
 * count and, per device, the count, sequence range and time range. A reading's inclusion
 * proof ({@link ReadingProof}) is checked against the anchored root.
 *
 * @example
 * ```ts
 * const batch = parseJson(TelemetryBatchInput, raw, 'batch');   // INVALID_ARGUMENT: batch.root must be a SHA-256 hash: ...
 * verifyMerkleProof(readingLeafHash(proof.signedReading), proof.path, anchored.root);
 * ```
 */
import { Type, type Static } from '@sinclair/typebox';
import { HexHash, Id, Timestamp } from '../schemas';
import { MerklePath } from './merkle';
import { SignedDeviceReading } from './reading';

/** Most devices in one batch. */
export const MAX_DEVICES_PER_BATCH = 1000;

/** One device's share of a batch. */
export const BatchDeviceRange = Type.Object(
  {
    deviceId: Id,
    count: Type.Integer({ minimum: 1 }),
    firstSeq: Type.Integer({ minimum: 1 }),
    lastSeq: Type.Integer({ minimum: 1 }),
    from: Timestamp,
    to: Timestamp,
  },
  { additionalProperties: false },
);
export type BatchDeviceRange = Static<typeof BatchDeviceRange>;

/** The `batchJson` argument of anchorBatch. */
export const TelemetryBatchInput = Type.Object(
  {
    id: Id,
    root: HexHash,
    count: Type.Integer({ minimum: 1 }),
    devices: Type.Array(BatchDeviceRange, { minItems: 1, maxItems: MAX_DEVICES_PER_BATCH }),
  },
  { additionalProperties: false },
);
export type TelemetryBatchInput = Static<typeof TelemetryBatchInput>;

/** An anchored batch as the ledger keeps it. */
export const TelemetryBatch = Type.Object(
  {
    ...TelemetryBatchInput.properties,
    from: Timestamp,
    to: Timestamp,
    anchoredBy: Type.String({ description: 'Name of the department whose collector anchored the batch' }),
    anchoredAt: Timestamp,
  },
  { additionalProperties: false },
);
export type TelemetryBatch = Static<typeof TelemetryBatch>;

/** A reading's inclusion proof in an anchored batch. */
export const ReadingProof = Type.Object(
  {
    batchId: Id,
    root: HexHash,
    leafIndex: Type.Integer({ minimum: 0 }),
    leafCount: Type.Integer({ minimum: 1 }),
    leafHash: HexHash,
    path: MerklePath,
    signedReading: SignedDeviceReading,
  },
  { additionalProperties: false },
);
export type ReadingProof = Static<typeof ReadingProof>;
