/**
 * Shipments (logistics chaincode, `shipments`, `custody` and `coldChain` contracts): what a
 * shipment is, who holds it, and the custody offer between departments.
 *
 * @example
 * ```ts
 * const input = parseJson(ShipmentInput, raw, 'shipment');   // INVALID_ARGUMENT: shipment.epcList[0] must be an EPC URN like ...
 * ```
 */
import { Type, type Static } from '@sinclair/typebox';
import { Enum, Id, Timestamp } from '../schemas';
import { ReadingSummary, SensorReading, TemperatureRange } from './coldChain';
import { BizStep, Disposition, EpcUrn, LocationUrn, MAX_EPCS, MAX_QUANTITIES, QuantityElement, TimeZoneOffset } from './epcis';

/** Shipment statuses. */
export const SHIPMENT_STATUSES = ['ACTIVE', 'OFFERED', 'RECEIVED', 'CLOSED'] as const;
export const ShipmentStatus = Enum(SHIPMENT_STATUSES);
export type ShipmentStatus = Static<typeof ShipmentStatus>;

/** The `shipmentJson` argument of createShipment (it needs at least one EPC or quantity). */
export const ShipmentInput = Type.Object(
  {
    id: Id,
    epcList: Type.Optional(Type.Array(EpcUrn, { maxItems: MAX_EPCS })),
    quantityList: Type.Optional(Type.Array(QuantityElement, { maxItems: MAX_QUANTITIES })),
    readPoint: Type.Optional(LocationUrn),
    bizLocation: Type.Optional(LocationUrn),
    bizStep: Type.Optional(BizStep),
    disposition: Type.Optional(Disposition),
    eventTimeZoneOffset: Type.Optional(TimeZoneOffset),
    temperatureRange: Type.Optional(TemperatureRange),
  },
  { additionalProperties: false },
);
export type ShipmentInput = Static<typeof ShipmentInput>;

/**
 * A custody offer's request (`POST /v1/shipments/:id/custody-offer`, the console's offer form):
 * the receiving department, one of `departments` (the consortium's, from the org files, which
 * the gateway reads and the console is told by `GET /v1/me`).
 */
export function custodyOfferInput(departments: readonly string[]) {
  return Type.Object({ to: Enum(departments, 'MSP ID of a department (from the org files)') }, { additionalProperties: false, description: 'to: the receiving department (not the custodian)' });
}
export interface CustodyOfferInput {
  readonly to: string;
}

/** A pending hand-over: only `to` may accept it. */
export const CustodyOffer = Type.Object(
  {
    from: Type.String({ description: 'Offering (current custodian) MSP ID' }),
    to: Type.String({ description: 'Receiving MSP ID: the only department that may accept' }),
    offeredAt: Timestamp,
  },
  { additionalProperties: false },
);
export type CustodyOffer = Static<typeof CustodyOffer>;

/** A shipment's current state (its history is its EPCIS events). */
export const Shipment = Type.Object(
  {
    id: Id,
    status: ShipmentStatus,
    custodian: Type.String({ description: 'MSP ID of the department holding custody' }),
    origin: Type.String({ description: 'MSP ID of the department that created the shipment' }),
    epcList: Type.Array(Type.String()),
    quantityList: Type.Array(QuantityElement),
    readPoint: Type.Optional(Type.String()),
    bizLocation: Type.Optional(Type.String()),
    bizStep: BizStep,
    disposition: Disposition,
    temperatureRange: Type.Optional(TemperatureRange),
    pendingOffer: Type.Optional(CustodyOffer),
    flagged: Type.Boolean({ description: 'True once any reading fell outside the temperature range; never cleared' }),
    firstExcursion: Type.Optional(SensorReading),
    readings: ReadingSummary,
    eventCount: Type.Integer({ minimum: 0, description: "Number of EPCIS events in the shipment's history" }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false },
);
export type Shipment = Static<typeof Shipment>;
