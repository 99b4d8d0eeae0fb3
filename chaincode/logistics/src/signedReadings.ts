/**
 * Device-signed cold-chain readings. A logger registered in the `devices` chaincode signs each
 * reading (`measurements.temperatureC`); the custodian relays them, and this chaincode accepts
 * them with the domain's `acceptReading`, the rule the devices chaincode applies: the device
 * must be registered and ACTIVE (read across chaincodes, `devices:getDevice`), the signature the
 * key of its version, `seq` above the last one this chaincode accepted from the logger (kept
 * here, under `loggerCursor`), nothing from the future.
 *
 * The custodian-posted form (`recordSensorReadings`) stays: loggers without keys, and readings
 * taken by hand, still exist on today's routes; the shipment's summary counts the signed ones
 * (`readings.signed`), so a reader tells a device's word from the custodian's.
 *
 * @example
 * ```ts
 * const readings = await acceptSignedReadings(ctx, parseJson(SignedSensorReadings, raw, 'readings'));   // SensorReading[]
 * ```
 */
import type { Context } from 'fabric-contract-api';
import { ChaincodeError, invalidArgument, keyFor, readFromChaincode, tryReadJson, txTimeMillis, writeJson } from '@city-ledger/chaincode-common';
import {
  acceptReading,
  SensorReading,
  TEMPERATURE_MEASUREMENT,
  validate,
  type Device,
  type ReadingCursor,
  type SignedDeviceReading,
} from '@city-ledger/domain';

/** Name of the devices chaincode on the channel. */
export const DEVICES_CHAINCODE = 'devices';
/** Transaction that reads one device there. */
export const GET_DEVICE_FUNCTION = 'devices:getDevice';

/** The device from the devices chaincode; undefined when it is not registered. */
async function registeredDevice(ctx: Context, deviceId: string): Promise<Device | undefined> {
  try {
    return await readFromChaincode<Device>(ctx, { chaincode: DEVICES_CHAINCODE, fn: GET_DEVICE_FUNCTION, kind: 'device', id: deviceId });
  } catch (err) {
    if (err instanceof ChaincodeError && err.code === 'NOT_FOUND') return undefined;
    throw err;
  }
}

/** Checks every signed reading (in order) and returns them as sensor readings; writes each logger's cursor. */
export async function acceptSignedReadings(ctx: Context, signed: readonly SignedDeviceReading[]): Promise<SensorReading[]> {
  const devices = new Map<string, Device | undefined>();
  const cursors = new Map<string, ReadingCursor | undefined>();
  const now = txTimeMillis(ctx);
  const readings: SensorReading[] = [];
  for (const [index, item] of signed.entries()) {
    const { deviceId, takenAt, measurements } = item.reading;
    if (!devices.has(deviceId)) devices.set(deviceId, await registeredDevice(ctx, deviceId));
    if (!cursors.has(deviceId)) cursors.set(deviceId, await tryReadJson<ReadingCursor>(ctx, keyFor(ctx, 'loggerCursor', deviceId)));
    cursors.set(deviceId, acceptReading(devices.get(deviceId), item, cursors.get(deviceId), now));
    const value = measurements[TEMPERATURE_MEASUREMENT];
    if (value === undefined) throw invalidArgument(`readings[${index}].reading.measurements.${TEMPERATURE_MEASUREMENT} is required`);
    readings.push(validate(SensorReading, { sensorId: deviceId, time: takenAt, type: 'temperature', value, uom: 'CEL' }, `readings[${index}]`));
  }
  for (const [deviceId, cursor] of cursors) await writeJson(ctx, keyFor(ctx, 'loggerCursor', deviceId), cursor);
  return readings;
}
