/**
 * Cold chain of a shipment: its allowed temperature range, the sensor readings reported in
 * batches, and the on-chain summary of those readings.
 *
 * @example
 * ```ts
 * const readings = parseJson(SensorReadings, raw, 'readings');   // INVALID_ARGUMENT: readings must have 1..500 items
 * ```
 */
import { Type, type Static } from '@sinclair/typebox';
import { Enum, Id, Timestamp } from '../schemas';
import { SignedDeviceReading } from '../devices/reading';

/** Most readings in one batch. */
export const MAX_READINGS_PER_BATCH = 500;
/** Plausible temperatures, °C: anything outside is a sensor fault, refused. */
export const MIN_PLAUSIBLE_CELSIUS = -100;
export const MAX_PLAUSIBLE_CELSIUS = 150;

const Celsius = Type.Number({ minimum: MIN_PLAUSIBLE_CELSIUS, maximum: MAX_PLAUSIBLE_CELSIUS });

/** The allowed range, °C inclusive; `minC < maxC`. */
export const TemperatureRange = Type.Object({ minC: Celsius, maxC: Celsius }, { additionalProperties: false, description: '°C, inclusive; minC < maxC' });
export type TemperatureRange = Static<typeof TemperatureRange>;

/** One temperature reading of a sensor. */
export const SensorReading = Type.Object(
  { sensorId: Id, time: Timestamp, type: Enum(['temperature']), value: Celsius, uom: Enum(['CEL']) },
  { additionalProperties: false },
);
export type SensorReading = Static<typeof SensorReading>;

/** The `readingsJson` argument of recordReadings. */
export const SensorReadings = Type.Array(SensorReading, { minItems: 1, maxItems: MAX_READINGS_PER_BATCH });

/** The measurement a logger's signed reading carries its temperature in, °C. */
export const TEMPERATURE_MEASUREMENT = 'temperatureC';

/** The `signedReadingsJson` argument of recordSignedSensorReadings: loggers' signed readings with a `temperatureC` measurement. */
export const SignedSensorReadings = Type.Array(SignedDeviceReading, { minItems: 1, maxItems: MAX_READINGS_PER_BATCH });

/** What the shipment keeps of its readings; `signed` counts those a registered device signed. */
export const ReadingSummary = Type.Object(
  {
    count: Type.Integer({ minimum: 0 }),
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
    excursions: Type.Integer({ minimum: 0 }),
    signed: Type.Optional(Type.Integer({ minimum: 0, description: 'Readings signed by a registered device (the rest were posted by the custodian alone)' })),
  },
  { additionalProperties: false },
);
export type ReadingSummary = Static<typeof ReadingSummary>;
