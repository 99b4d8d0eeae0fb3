/**
 * Where the devices chaincode keeps its records, and the reads every contract shares: a device,
 * the cursor of its last accepted reading, and the department name of a caller.
 *
 * Keys: `device` + id; `deviceCursor` + id (kept apart from the device, so that a stream of
 * readings does not collide with a change of the device); `deviceReading` + id + UTC day +
 * takenAt + seq (a day's readings are one partial-key scan, in time order); `anchorCursor` + id;
 * `telemetryBatch` + id.
 *
 * @example
 * ```ts
 * const device = await loadDevice(ctx, 'MTR-1');   // NOT_FOUND: device MTR-1 does not exist
 * ```
 */
import type { Context } from 'fabric-contract-api';
import { activeConsortium, keyFor, readJson, tryReadJson } from '@city-ledger/chaincode-common';
import { millisToIso, isoToMillis, type Device, type ReadingCursor } from '@city-ledger/domain';

/** Key of a device. */
export function deviceKey(ctx: Context, id: string): string {
  return keyFor(ctx, 'device', id);
}

/** Key of a device's reading cursor. */
export function cursorKey(ctx: Context, id: string): string {
  return keyFor(ctx, 'deviceCursor', id);
}

/** The reading index's attributes of a device, a UTC day and (optionally) a reading: day, fixed-width time, zero-padded seq. */
export function readingAttributes(deviceId: string, takenAt: string, seq?: number): string[] {
  const normalized = millisToIso(isoToMillis(takenAt) as number);
  const attrs = [deviceId, normalized.slice(0, 10)];
  return seq === undefined ? attrs : [...attrs, normalized, String(seq).padStart(16, '0')];
}

/** A device, or NOT_FOUND. */
export async function loadDevice(ctx: Context, id: string): Promise<Device> {
  return readJson<Device>(ctx, deviceKey(ctx, id), 'device');
}

/** A device, or undefined. */
export async function findDevice(ctx: Context, id: string): Promise<Device | undefined> {
  return tryReadJson<Device>(ctx, deviceKey(ctx, id));
}

/** The cursor of a device's last accepted reading, if any. */
export async function loadCursor(ctx: Context, id: string): Promise<ReadingCursor | undefined> {
  return tryReadJson<ReadingCursor>(ctx, cursorKey(ctx, id));
}

/** The department name of an MSP ID (the consortium descriptor's `name`). */
export function departmentName(msp: string): string {
  return activeConsortium().orgs.find((org) => org.mspId === msp)?.name ?? msp;
}
