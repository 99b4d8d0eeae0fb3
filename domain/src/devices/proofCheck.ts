/**
 * Checks a reading's inclusion proof against the batch anchored on the ledger, and its
 * signature against the device registry: what the gateway's check route and `audit
 * check-reading` both answer, so the two cannot disagree.
 *
 * @example
 * ```ts
 * const check = checkReadingProof(proof, anchoredBatch, device);
 * check.result;   // 'MATCH' | 'MISMATCH'; check.checks says which part failed
 * ```
 */
import { isoToMillis } from '../time';
import type { Device } from './device';
import { readingLeafHash, verifyMerkleProof } from './merkle';
import type { ReadingProof, TelemetryBatch } from './telemetry';
import { verifyReadingSignature } from './signature';

/** The verdict and each part of it. */
export interface ReadingProofCheck {
  readonly result: 'MATCH' | 'MISMATCH';
  readonly batchId: string;
  readonly anchoredRoot: string;
  readonly checks: {
    /** The proof's leaf is the hash of the presented reading. */
    readonly leaf: boolean;
    /** The path leads from that leaf to the root anchored on the ledger. */
    readonly root: boolean;
    /** The anchor lists the reading's device, seq and time. */
    readonly range: boolean;
    /** The device's registered key of that version signed the reading (absent without a device). */
    readonly signature?: boolean;
  };
}

/** Checks `proof` against `batch` (from the ledger) and, when given, the registered `device`. */
export function checkReadingProof(proof: ReadingProof, batch: TelemetryBatch, device?: Device): ReadingProofCheck {
  const { reading, keyVersion } = proof.signedReading;
  const leaf = readingLeafHash(proof.signedReading) === proof.leafHash;
  const root = proof.batchId === batch.id && verifyMerkleProof(readingLeafHash(proof.signedReading), proof.path, batch.root);
  const share = batch.devices.find((d) => d.deviceId === reading.deviceId);
  const taken = isoToMillis(reading.takenAt) ?? Number.NaN;
  const range =
    share !== undefined &&
    reading.seq >= share.firstSeq &&
    reading.seq <= share.lastSeq &&
    taken >= (isoToMillis(share.from) as number) &&
    taken <= (isoToMillis(share.to) as number);
  const key = device?.keys.find((k) => k.keyVersion === keyVersion);
  const signature = device === undefined ? undefined : key !== undefined && device.id === reading.deviceId && verifyReadingSignature(proof.signedReading, key.publicKeyPem);
  const ok = leaf && root && range && signature !== false;
  return {
    result: ok ? 'MATCH' : 'MISMATCH',
    batchId: batch.id,
    anchoredRoot: batch.root,
    checks: { leaf, root, range, ...(signature !== undefined ? { signature } : {}) },
  };
}
