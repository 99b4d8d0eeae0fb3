/**
 * When a device-signed reading is accepted: the one rule the devices chaincode, the logistics
 * cold chain and the gateway's telemetry collector all apply. The device must exist and be
 * ACTIVE; the signature must verify with the key of the reading's `keyVersion`, and a key a
 * rotation replaced signs only readings taken before the rotation; `seq` must be above the
 * device's last accepted one and `takenAt` not before its time; and nothing from the future.
 *
 * @example
 * ```ts
 * acceptReading(device, signed, cursor, txTimeMillis(ctx));   // CONFLICT: device MTR-1: seq 7 is not after 7 (replayed or out of order)
 * ```
 */
import { conflict, failedPrecondition, forbidden, invalidArgument, notFound } from '../errors';
import { isoToMillis, millisToIso } from '../time';
import type { Device } from './device';
import type { SignedDeviceReading } from './reading';
import { verifyReadingSignature } from './signature';

/** The last accepted reading of a device: what the next one must come after. */
export interface ReadingCursor {
  lastSeq: number;
  lastTakenAt: string;
}

/**
 * Checks `signed` for `device` (undefined: not registered) against `cursor` and the time `nowMillis`
 * (the transaction's, or the collector's clock); returns the cursor after it. Throws NOT_FOUND,
 * FAILED_PRECONDITION (suspended or retired), FORBIDDEN (signature, key version), CONFLICT
 * (replay, order) or INVALID_ARGUMENT (future). `verify` checks the signature: the collector passes
 * the verdicts its worker threads reached, the chaincode lets it verify here.
 */
export function acceptReading(
  device: Device | undefined,
  signed: SignedDeviceReading,
  cursor: ReadingCursor | undefined,
  nowMillis: number,
  verify: (signed: SignedDeviceReading, publicKeyPem: string) => boolean = verifyReadingSignature,
): ReadingCursor {
  const { deviceId, seq, takenAt } = signed.reading;
  if (device === undefined) {
    throw notFound('device', deviceId);
  }
  if (device.status !== 'ACTIVE') {
    throw failedPrecondition(`device ${deviceId} is ${device.status}: it submits no readings`);
  }
  const taken = isoToMillis(takenAt) as number;
  if (taken > nowMillis) {
    throw invalidArgument(`reading ${deviceId}#${seq} is from the future: taken at ${takenAt}, now ${millisToIso(nowMillis)}`);
  }
  const key = device.keys.find((k) => k.keyVersion === signed.keyVersion);
  if (key === undefined) {
    throw forbidden(`device ${deviceId} has no key version ${signed.keyVersion}`);
  }
  if (key.retiredAt !== undefined && taken >= (isoToMillis(key.retiredAt) as number)) {
    throw forbidden(`device ${deviceId} key version ${key.keyVersion} was replaced at ${key.retiredAt}; reading taken at ${takenAt}`);
  }
  if (!verify(signed, key.publicKeyPem)) {
    throw forbidden(`reading ${deviceId}#${seq} is not signed by device ${deviceId} key version ${key.keyVersion}`);
  }
  if (cursor !== undefined && seq <= cursor.lastSeq) {
    throw conflict(`device ${deviceId}: seq ${seq} is not after ${cursor.lastSeq} (replayed or out of order)`);
  }
  if (cursor !== undefined && taken < (isoToMillis(cursor.lastTakenAt) as number)) {
    throw conflict(`device ${deviceId}: reading #${seq} taken at ${takenAt}, before the last accepted one (${cursor.lastTakenAt})`);
  }
  return { lastSeq: seq, lastTakenAt: takenAt };
}
