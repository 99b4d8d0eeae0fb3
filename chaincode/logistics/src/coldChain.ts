/**
 * Cold-chain sensor readings. A shipment may declare a temperature range; every batch of
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
import { Object as DataType, Property } from 'fabric-contract-api';
import {
  invalidArgument,
  isoToMillis,
  requireArray,
  requireEnum,
  requireId,
  requireIsoTimestamp,
  requireNumber,
  requireShape,
} from '@city-ledger/chaincode-common';
import type { SensorElement } from './epcis';

/** Most readings in one `recordSensorReadings` call. */
export const MAX_READINGS_PER_BATCH = 500;
/** Plausible temperature bounds in °C; anything outside is a broken sensor, not an excursion. */
export const MIN_PLAUSIBLE_CELSIUS = -100;
export const MAX_PLAUSIBLE_CELSIUS = 150;

/** Allowed temperature range of a shipment, in °C, inclusive. */
@DataType()
export class TemperatureRange {
  @Property() minC!: number;
  @Property() maxC!: number;
}

/** One temperature reading as the client sends it. */
@DataType()
export class SensorReading {
  @Property() sensorId!: string;
  /** RFC 3339 UTC time of the measurement. */
  @Property() time!: string;
  /** Always `temperature`. */
  @Property() type!: string;
  @Property() value!: number;
  /** Always `CEL` (degrees Celsius, UN/CEFACT). */
  @Property() uom!: string;
}

/** Running summary of every reading recorded for a shipment. */
@DataType()
export class ReadingSummary {
  @Property() count!: number;
  @Property() min?: number;
  @Property() max?: number;
  /** Readings outside the declared range. */
  @Property() excursions!: number;
}

/** Validates a temperature range: both bounds plausible and minC < maxC. */
export function requireTemperatureRange(value: unknown, field: string): TemperatureRange {
  const bounds = { min: MIN_PLAUSIBLE_CELSIUS, max: MAX_PLAUSIBLE_CELSIUS };
  const range = requireShape<TemperatureRange>(value, field, {
    minC: (v, f) => requireNumber(v, f, bounds),
    maxC: (v, f) => requireNumber(v, f, bounds),
  });
  if (range.minC >= range.maxC) {
    throw invalidArgument(`${field}.minC must be less than ${field}.maxC`);
  }
  return range;
}

/** Validates one {@link SensorReading}. */
export function requireSensorReading(value: unknown, field: string): SensorReading {
  return requireShape<SensorReading>(value, field, {
    sensorId: requireId,
    time: requireIsoTimestamp,
    type: (v, f) => requireEnum(v, f, ['temperature'] as const),
    value: (v, f) => requireNumber(v, f, { min: MIN_PLAUSIBLE_CELSIUS, max: MAX_PLAUSIBLE_CELSIUS }),
    uom: (v, f) => requireEnum(v, f, ['CEL'] as const),
  });
}

/** Parses the `readingsJson` argument: a JSON array of 1..500 readings. */
export function parseReadings(raw: string): SensorReading[] {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw invalidArgument('readings must be valid JSON');
  }
  return requireArray(value, 'readings', requireSensorReading, { min: 1, max: MAX_READINGS_PER_BATCH });
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
