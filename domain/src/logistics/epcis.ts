/**
 * GS1 EPCIS 2.0 vocabulary of the logistics chaincode: identifiers (EPC, class and location
 * URNs), the CBV business steps and dispositions, and the ObjectEvent each shipment change
 * appends to its trace.
 *
 * @example
 * ```ts
 * const where = parseJson(EventContextInput, raw, 'context');   // INVALID_ARGUMENT: context.readPoint must be an SGLN URN like ...
 * ```
 */
import { Type, type Static } from '@sinclair/typebox';
import { described, Enum, Id, Timestamp, withMessage } from '../schemas';

/** CBV business steps a shipment event may carry. */
export const BIZ_STEPS = [
  'commissioning',
  'packing',
  'loading',
  'shipping',
  'departing',
  'transporting',
  'arriving',
  'unloading',
  'receiving',
  'accepting',
  'inspecting',
  'storing',
  'holding',
  'sensor_reporting',
  'void_shipping',
] as const;
export const BizStep = Enum(BIZ_STEPS);
export type BizStep = Static<typeof BizStep>;

/** CBV dispositions: the state of the objects after an event. */
export const DISPOSITIONS = [
  'active',
  'in_progress',
  'in_transit',
  'container_closed',
  'available',
  'conformant',
  'non_conformant',
  'damaged',
  'expired',
  'recalled',
  'returned',
] as const;
export const Disposition = Enum(DISPOSITIONS);
export type Disposition = Static<typeof Disposition>;

/** EPCIS event actions. */
export const EPCIS_ACTIONS = ['ADD', 'OBSERVE', 'DELETE'] as const;
export type EpcisAction = (typeof EPCIS_ACTIONS)[number];

/** Most EPCs, and most quantity elements, in one shipment. */
export const MAX_EPCS = 500;
export const MAX_QUANTITIES = 100;

/** A string matching `pattern`: `what` it is, shown by `example`, names it in docs and errors. */
function patterned(pattern: string, what: string, example: string) {
  const description = `${what.charAt(0).toUpperCase()}${what.slice(1)}, e.g. ${example}`;
  return withMessage(Type.String({ pattern, description }), `must be ${what} like ${example}`);
}

/** An EPC instance URN. */
export const EpcUrn = patterned('^urn:epc:id:[a-z]+:[A-Za-z0-9.\\-:%_*]{1,200}$', 'an EPC URN', 'urn:epc:id:sgtin:0614141.107346.2017');
/** An EPC class (or pattern) URN. */
export const EpcClassUrn = patterned('^urn:epc:(?:class|idpat):[a-z]+:[A-Za-z0-9.\\-:%_*]{1,200}$', 'an EPC class URN', 'urn:epc:class:lgtin:4012345.012345.998877');
/** A location: an SGLN URN. */
export const LocationUrn = patterned('^urn:epc:id:sgln:[A-Za-z0-9.\\-%_]{1,200}$', 'an SGLN URN', 'urn:epc:id:sgln:0614141.00777.0');
/** A UTC offset, `+hh:mm` or `-hh:mm`. */
export const TimeZoneOffset = patterned('^[+-](?:0\\d|1[0-4]):[0-5]\\d$', 'a time zone offset', '+01:00 or -05:30');
/** A UN/CEFACT unit code. */
export const Uom = patterned('^[A-Z0-9]{2,3}$', 'a UN/CEFACT unit code', 'KGM, LTR or EA');

/** EPCIS `quantityList` element: how much of a class of objects. */
export const QuantityElement = Type.Object(
  { epcClass: EpcClassUrn, quantity: Type.Number({ minimum: 0.000001, maximum: 1e12 }), uom: Type.Optional(Uom) },
  { additionalProperties: false },
);
export type QuantityElement = Static<typeof QuantityElement>;

/** The "where" of a move (receive, accept); every field optional. */
export const EventContextInput = Type.Object(
  { readPoint: Type.Optional(LocationUrn), bizLocation: Type.Optional(LocationUrn), eventTimeZoneOffset: Type.Optional(TimeZoneOffset) },
  { additionalProperties: false },
);
export type EventContextInput = Static<typeof EventContextInput>;

/** A custody party of an event. */
export const PartyRef = Type.Object(
  { type: Type.String({ description: 'CBV source/destination type, e.g. possessing_party' }), party: Type.String({ description: "The department's MSP ID" }) },
  { additionalProperties: false },
);
export type PartyRef = Static<typeof PartyRef>;

/** One sensor report of a `sensor_reporting` event. */
export const SensorReport = Type.Object(
  { type: Type.String({ description: 'gs1:Temperature' }), deviceID: Type.String(), time: Timestamp, value: Type.Number(), uom: Type.String() },
  { additionalProperties: false },
);
export type SensorReport = Static<typeof SensorReport>;

/** A batch of sensor reports. */
export const SensorElement = Type.Object(
  {
    startTime: described(Timestamp, 'Earliest report time of the batch'),
    endTime: described(Timestamp, 'Latest report time of the batch'),
    sensorReport: Type.Array(SensorReport),
  },
  { additionalProperties: false },
);
export type SensorElement = Static<typeof SensorElement>;

/** One EPCIS 2.0 ObjectEvent of a shipment's trace. */
export const EpcisEvent = Type.Object(
  {
    type: Type.Literal('ObjectEvent'),
    eventID: Type.String({ description: 'urn:city-ledger:logistics:event:<txId>' }),
    shipmentId: Id,
    seq: Type.Integer({ minimum: 0, description: "0-based position in the shipment's history" }),
    eventTime: described(Timestamp, 'The transaction timestamp (UTC)'),
    eventTimeZoneOffset: Type.String(),
    action: Enum(EPCIS_ACTIONS),
    epcList: Type.Array(Type.String()),
    quantityList: Type.Array(QuantityElement),
    bizStep: BizStep,
    disposition: Disposition,
    readPoint: Type.Optional(Type.String()),
    bizLocation: Type.Optional(Type.String()),
    sourceList: Type.Optional(Type.Array(PartyRef)),
    destinationList: Type.Optional(Type.Array(PartyRef)),
    sensorElementList: Type.Optional(Type.Array(SensorElement)),
    recordedBy: Type.String({ description: 'MSP ID of the recording department' }),
    txId: Type.String(),
  },
  { additionalProperties: false },
);
export type EpcisEvent = Static<typeof EpcisEvent>;
