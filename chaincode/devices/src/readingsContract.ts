/**
 * `readings` contract: device-signed readings on chain, one per transaction, for the readings
 * that settle something (meter readings of the energy market). High-rate telemetry goes through
 * the gateway's collector and is anchored in batches instead (`telemetry` contract).
 *
 * `submitReading` applies the domain's acceptance rule (`acceptReading`): the device must be
 * registered (NOT_FOUND) and ACTIVE (FAILED_PRECONDITION), the signature must verify with the
 * key of its `keyVersion` (FORBIDDEN), `seq` must be above the last accepted one and `takenAt`
 * not before it (CONFLICT), and `takenAt` not after the transaction's time (INVALID_ARGUMENT).
 * Event: DeviceReadingRecorded `{deviceId, seq, takenAt, keyVersion, txTime}` (no values).
 */
import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import './components';
import {
  CityContract,
  emitEvent,
  failedPrecondition,
  fromBytes,
  invalidArgument,
  isoToMillis,
  millisToIso,
  requireGrant,
  requireId,
  txTimeMillis,
  txTimestamp,
  writeJson,
} from '@city-ledger/chaincode-common';
import { acceptReading, parseJson, SignedDeviceReading, Timestamp, validate } from '@city-ledger/domain';
import { cursorKey, findDevice, loadCursor, readingAttributes } from './deviceState';
import { READING_GRANTS } from './roles';

/** Widest range `getReadings` scans, in UTC days. */
export const MAX_RANGE_DAYS = 31;
/** Most readings `getReadings` returns (it is not paginated, so other chaincode may call it in a submit). */
export const MAX_READINGS_PER_QUERY = 10_000;

const DAY_MILLIS = 86_400_000;

/**
 * The contract's transaction context. Declared in this file so that the decorator metadata
 * (`design:paramtypes`) names it directly: fabric-contract-api recognises the context
 * parameter by `createContext().constructor`.
 */
export class ReadingsContext extends Context {}

@Info({ title: 'Readings', description: 'Device-signed readings, verified against the registered key' })
export class ReadingsContract extends CityContract {
  constructor() {
    super('readings');
  }

  override createContext(): ReadingsContext {
    return new ReadingsContext();
  }

  /**
   * Records one device-signed reading. `signedReadingJson`:
   * `{reading: {deviceId, seq, takenAt, measurements}, keyVersion, signature}`. Event: DeviceReadingRecorded.
   */
  @Transaction()
  @Returns('SignedDeviceReading')
  async submitReading(ctx: ReadingsContext, signedReadingJson: string) {
    requireGrant(ctx, READING_GRANTS);
    const signed = parseJson(SignedDeviceReading, signedReadingJson, 'signedReading');
    const { deviceId, seq, takenAt } = signed.reading;
    const device = await findDevice(ctx, deviceId);
    const cursor = acceptReading(device, signed, await loadCursor(ctx, deviceId), txTimeMillis(ctx));
    await writeJson(ctx, cursorKey(ctx, deviceId), cursor);
    await writeJson(ctx, ctx.stub.createCompositeKey('deviceReading', readingAttributes(deviceId, takenAt, seq)), signed);
    emitEvent(ctx, 'DeviceReadingRecorded', { deviceId, seq, takenAt, keyVersion: signed.keyVersion, txTime: txTimestamp(ctx) });
    return signed;
  }

  /**
   * A device's readings taken at `from` <= takenAt < `to` (RFC 3339 UTC), oldest first; at most
   * 31 days and 10,000 readings (else FAILED_PRECONDITION: narrow the range). Not paginated, so
   * the energy chaincode reads it across chaincodes inside its settlement. Any channel member.
   */
  @Transaction(false)
  @Returns('SignedDeviceReading[]')
  async getReadings(ctx: ReadingsContext, deviceId: string, from: string, to: string) {
    const id = requireId(deviceId, 'deviceId');
    const start = isoToMillis(validate(Timestamp, from, 'from')) as number;
    const end = isoToMillis(validate(Timestamp, to, 'to')) as number;
    if (end <= start) {
      throw invalidArgument('to must be after from');
    }
    if (end - start > MAX_RANGE_DAYS * DAY_MILLIS) {
      throw invalidArgument(`from..to must span at most ${MAX_RANGE_DAYS} days`);
    }
    const readings: SignedDeviceReading[] = [];
    for (let day = start - (start % DAY_MILLIS); day < end; day += DAY_MILLIS) {
      for await (const kv of ctx.stub.getStateByPartialCompositeKey('deviceReading', readingAttributes(id, millisToIso(day)))) {
        const signed = fromBytes<SignedDeviceReading>(kv.value);
        const taken = isoToMillis(signed.reading.takenAt) as number;
        if (taken >= start && taken < end) {
          readings.push(signed);
        }
        if (readings.length > MAX_READINGS_PER_QUERY) {
          throw failedPrecondition(`more than ${MAX_READINGS_PER_QUERY} readings of device ${id} in range: narrow it`);
        }
      }
    }
    return readings;
  }
}
