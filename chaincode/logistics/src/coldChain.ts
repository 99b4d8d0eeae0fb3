/**
 * Cold-chain sensor readings (their shapes and bounds are declared once, in @city-ledger/domain,
 * logistics/coldChain). A shipment may declare a temperature range; every batch of
 * readings (1..{@link MAX_READINGS_PER_BATCH}) updates the shipment's on-chain summary (count,
 * min, max, excursions) and any reading outside the range flags the shipment, keeping the
 * first offending reading. The raw readings of a batch are kept in that batch's EPCIS event
 * (`sensorElementList`), so storage per batch is bounded.
 *
 * @example
 * ```ts
 * const readings = parseReadings(readingsJson);
 * const { summary, excursions, firstExcursion } = applyReadings(shipment.readings, range, readings);
 * ```
 */
import { invalidArgument, isoToMillis } from '@city-ledger/chaincode-common';
import {
  parseJson,
  SensorReadings,
  validate,
  TemperatureRange,
  type ReadingSummary,
  type SensorElement,
  type SensorReading,
} from '@city-ledger/domain';

export {
  MAX_PLAUSIBLE_CELSIUS,
  MAX_READINGS_PER_BATCH,
  MIN_PLAUSIBLE_CELSIUS,
  type ReadingSummary,
  type SensorReading,
  type TemperatureRange,
} from '@city-ledger/domain';

/** A temperature range (within the plausible bounds) whose `minC` is below its `maxC`. */
export function requireTemperatureRange(value: unknown, field: string): TemperatureRange {
  const range = validate(TemperatureRange, value, field);
  if (range.minC >= range.maxC) {
    throw invalidArgument(`${field}.minC must be less than ${field}.maxC`);
  }
  return range;
}

/** The `readingsJson` argument: 1..{@link MAX_READINGS_PER_BATCH} readings. */
export function parseReadings(raw: string): SensorReading[] {
  return parseJson(SensorReadings, raw, 'readings');
}

/** An empty summary for a new shipment. */
export function emptySummary(): ReadingSummary {
  return { count: 0, excursions: 0 };
}

/** True when `value` lies outside `range` (never, without a range). */
export function isExcursion(range: TemperatureRange | undefined, value: number): boolean {
  return range !== undefined && (value < range.minC || value > range.maxC);
}

/** The new summary, this batch's excursion count and its first offending reading (by input order). */
export function applyReadings(
  summary: ReadingSummary,
  range: TemperatureRange | undefined,
  readings: readonly SensorReading[],
): { summary: ReadingSummary; excursions: number; firstExcursion: SensorReading | undefined } {
  const next: ReadingSummary = { ...summary };
  let excursions = 0;
  let firstExcursion: SensorReading | undefined;
  for (const reading of readings) {
    next.count += 1;
    next.min = next.min === undefined ? reading.value : Math.min(next.min, reading.value);
    next.max = next.max === undefined ? reading.value : Math.max(next.max, reading.value);
    if (isExcursion(range, reading.value)) {
      excursions += 1;
      firstExcursion ??= reading;
    }
  }
  next.excursions += excursions;
  return { summary: next, excursions, firstExcursion };
}

/** The batch as one EPCIS sensorElement (reports keep input order; start/end by time). */
export function toSensorElement(readings: readonly SensorReading[]): SensorElement {
  let start = readings[0] as SensorReading;
  let end = start;
  for (const reading of readings) {
    const millis = isoToMillis(reading.time) as number;
    if (millis < (isoToMillis(start.time) as number)) {
      start = reading;
    }
    if (millis > (isoToMillis(end.time) as number)) {
      end = reading;
    }
  }
  return {
    startTime: start.time,
    endTime: end.time,
    sensorReport: readings.map((r) => ({ type: 'gs1:Temperature', deviceID: r.sensorId, time: r.time, value: r.value, uom: r.uom })),
  };
}
