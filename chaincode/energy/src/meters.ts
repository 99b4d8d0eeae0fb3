/**
 * Households' meters, read from the `devices` chaincode (a cross-chaincode read on the same
 * channel, with the caller's identity). The devices chaincode registered each meter with its
 * owner and key and verified every reading's signature when it was recorded; the market relies
 * on both.
 *
 * A meter reading's `exportedKWh` and `importedKWh` are the energy measured since the meter's
 * previous reading; what a meter exported (or imported) during a delivery interval is the sum
 * over its readings taken in [deliveryStart, deliveryEnd), each counted to the Wh. A missing
 * measurement counts 0, and so does a negative one (a meter never un-delivers).
 *
 * @example
 * ```ts
 * await requireHouseholdMeter(ctx, 'MTR-1', 'CIT-1');   // FAILED_PRECONDITION unless an ACTIVE METER owned by CIT-1
 * const wh = await meteredWh(ctx, 'MTR-1', 'SELL', interval.deliveryStart, interval.deliveryEnd);
 * ```
 */
import type { Context } from 'fabric-contract-api';
import { failedPrecondition, isoToMillis, queryChaincode, readFromChaincode } from '@city-ledger/chaincode-common';
import { toWh, type OrderSide } from '@city-ledger/domain';

/** Name of the devices chaincode on the channel. */
export const DEVICES_CHAINCODE = 'devices';
/** Reads one device: `(deviceId)` → Device. */
export const GET_DEVICE_FUNCTION = 'devices:getDevice';
/** Reads a device's signed readings taken in [from, to), oldest first, not paginated (so it may be called in a submit): `(deviceId, fromIso, toIso)`. */
export const READINGS_FUNCTION = 'readings:getReadings';

/** The measurement a meter reports for each side of the market. */
export const MEASUREMENT: Readonly<Record<OrderSide, string>> = { SELL: 'exportedKWh', BUY: 'importedKWh' };

/** The fields of a device the market relies on. */
interface MeterRef {
  id: string;
  kind: string;
  owner: string;
  status: string;
}

/** One reading, as far as the market reads it. */
interface MeterReading {
  reading: { deviceId: string; takenAt: string; measurements: Record<string, unknown> };
}

/** Requires `meterId` to be an ACTIVE METER owned by `householdId`. NOT_FOUND for an unknown device. */
export async function requireHouseholdMeter(ctx: Context, meterId: string, householdId: string): Promise<void> {
  const device = await readFromChaincode<Partial<MeterRef> & { id: string }>(ctx, { chaincode: DEVICES_CHAINCODE, fn: GET_DEVICE_FUNCTION, kind: 'meter', id: meterId });
  if (typeof device.kind !== 'string' || typeof device.owner !== 'string' || typeof device.status !== 'string') {
    throw failedPrecondition(`meter ${meterId}: the ${DEVICES_CHAINCODE} chaincode returned an unreadable device`);
  }
  if (device.kind !== 'METER') {
    throw failedPrecondition(`device ${meterId} is a ${device.kind}, not a METER`);
  }
  if (device.owner !== householdId) {
    throw failedPrecondition(`meter ${meterId} is not registered to household ${householdId}`);
  }
  if (device.status !== 'ACTIVE') {
    throw failedPrecondition(`meter ${meterId} is ${device.status}; it must be ACTIVE`);
  }
}

/** Wh the meter exported (SELL) or imported (BUY) in [from, to), by the rule in the file comment. */
export async function meteredWh(ctx: Context, meterId: string, side: OrderSide, from: string, to: string): Promise<number> {
  const answer = await queryChaincode(ctx, { chaincode: DEVICES_CHAINCODE, args: [READINGS_FUNCTION, meterId, from, to], kind: 'meter', id: meterId });
  if (!Array.isArray(answer)) {
    throw failedPrecondition(`readings of meter ${meterId}: the ${DEVICES_CHAINCODE} chaincode returned no list`);
  }
  const [start, end] = [isoToMillis(from) ?? 0, isoToMillis(to) ?? 0];
  let wh = 0;
  for (const item of answer as MeterReading[]) {
    const reading = item?.reading;
    const takenAt = typeof reading?.takenAt === 'string' ? isoToMillis(reading.takenAt) : undefined;
    if (reading?.deviceId !== meterId || takenAt === undefined || takenAt < start || takenAt >= end) continue;
    const value = reading.measurements?.[MEASUREMENT[side]];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) wh += toWh(value);
  }
  return wh;
}
