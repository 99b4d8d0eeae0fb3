/**
 * GS1 EPCIS 2.0 / CBV 2.0 shapes used by shipments: every shipment state change appends one
 * `ObjectEvent` (what, when, where, why, how) under its own key, indexed by shipment and
 * sequence number so that `trace` returns the history in order.
 *
 * Keys: `epcisEvent` + eventId (the event's primary key; eventId = the transaction ID, as one
 * transaction changes one shipment) and index `shipment~event` + [shipmentId, seq (10 digits),
 * eventId].
 *
 * @example
 * ```ts
 * const epcs = requireArray(raw, 'shipment.epcList', requireEpcUrn, { max: MAX_EPCS });
 * await appendEpcisEvent(ctx, event);           // writes the event and its index entry
 * const page = await listEpcisEvents(ctx, 'SH-1', '50', '');
 * ```
 */
import { Object as DataType, Property, type Context } from 'fabric-contract-api';
import {
  invalidArgument,
  keyFor,
  listByIndex,
  optional,
  putIndex,
  requireEnum,
  requireNumber,
  requireShape,
  writeJson,
} from '@city-ledger/chaincode-common';

/** CBV 2.0 business steps this chaincode accepts (a small subset). */
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
/** One accepted CBV business step. */
export type BizStep = (typeof BIZ_STEPS)[number];

/** CBV 2.0 dispositions this chaincode accepts (a small subset). */
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
/** One accepted CBV disposition. */
export type Disposition = (typeof DISPOSITIONS)[number];

/** EPCIS actions: ADD for the event that starts a shipment, OBSERVE for the rest. */
export type EpcisAction = 'ADD' | 'OBSERVE' | 'DELETE';

/** Most EPCs (instance identifiers) in one shipment. */
export const MAX_EPCS = 500;
/** Most quantity elements (class-level identifiers) in one shipment. */
export const MAX_QUANTITIES = 100;

const EPC_URN = /^urn:epc:id:[a-z]+:[A-Za-z0-9.\-:%_*]{1,200}$/;
const EPC_CLASS_URN = /^urn:epc:(?:class|idpat):[a-z]+:[A-Za-z0-9.\-:%_*]{1,200}$/;
const LOCATION_URN = /^urn:epc:id:sgln:[A-Za-z0-9.\-%_]{1,200}$/;
const TZ_OFFSET = /^[+-](?:0\d|1[0-4]):[0-5]\d$/;
const UOM = /^[A-Z0-9]{2,3}$/;

/** An instance EPC as a pure-identity URN, e.g. `urn:epc:id:sgtin:0614141.107346.2017`. */
export function requireEpcUrn(value: unknown, field: string): string {
  if (typeof value !== 'string' || !EPC_URN.test(value)) {
    throw invalidArgument(`${field} must be an EPC URN like urn:epc:id:sgtin:0614141.107346.2017`);
  }
  return value;
}

/** A class-level EPC URN, e.g. `urn:epc:class:lgtin:4012345.012345.998877` or an `idpat`. */
export function requireEpcClassUrn(value: unknown, field: string): string {
  if (typeof value !== 'string' || !EPC_CLASS_URN.test(value)) {
    throw invalidArgument(`${field} must be an EPC class URN like urn:epc:class:lgtin:4012345.012345.998877`);
  }
  return value;
}

/** A location as an SGLN URN, e.g. `urn:epc:id:sgln:0614141.00777.0`. */
export function requireLocationUrn(value: unknown, field: string): string {
  if (typeof value !== 'string' || !LOCATION_URN.test(value)) {
    throw invalidArgument(`${field} must be an SGLN URN like urn:epc:id:sgln:0614141.00777.0`);
  }
  return value;
}

/** An EPCIS `eventTimeZoneOffset` such as `+01:00` or `-05:30`. */
export function requireTimeZoneOffset(value: unknown, field: string): string {
  if (typeof value !== 'string' || !TZ_OFFSET.test(value)) {
    throw invalidArgument(`${field} must be a time zone offset like +01:00 or -05:30`);
  }
  return value;
}

/** A UN/CEFACT Rec. 20 unit code such as `KGM`, `LTR`, `EA` (2-3 uppercase letters or digits). */
export function requireUom(value: unknown, field: string): string {
  if (typeof value !== 'string' || !UOM.test(value)) {
    throw invalidArgument(`${field} must be a UN/CEFACT unit code like KGM, LTR or EA`);
  }
  return value;
}

/** A CBV business step from {@link BIZ_STEPS}. */
export function requireBizStep(value: unknown, field: string): BizStep {
  return requireEnum(value, field, BIZ_STEPS);
}

/** A CBV disposition from {@link DISPOSITIONS}. */
export function requireDisposition(value: unknown, field: string): Disposition {
  return requireEnum(value, field, DISPOSITIONS);
}

/** EPCIS `quantityList` element: how much of a class of objects. */
@DataType()
export class QuantityElement {
  @Property() epcClass!: string;
  @Property() quantity!: number;
  @Property() uom?: string;
}

/** Validates one {@link QuantityElement}. */
export function requireQuantityElement(value: unknown, field: string): QuantityElement {
  return requireShape<QuantityElement>(value, field, {
    epcClass: requireEpcClassUrn,
    quantity: (v, f) => requireNumber(v, f, { min: 0.000001, max: 1e12 }),
    uom: optional(requireUom),
  });
}

/** EPCIS `sourceList` / `destinationList` entry; here the party is a department MSP ID. */
@DataType()
export class PartyRef {
  /** CBV source/destination type, e.g. `possessing_party`. */
  @Property() type!: string;
  /** The department's MSP ID. */
  @Property() party!: string;
}

/** One EPCIS `sensorReport` entry. */
@DataType()
export class SensorReport {
  /** `gs1:Temperature`. */
  @Property() type!: string;
  @Property() deviceID!: string;
  @Property() time!: string;
  @Property() value!: number;
  @Property() uom!: string;
}

/** One EPCIS `sensorElement`: metadata plus reports. */
@DataType()
export class SensorElement {
  /** Earliest and latest report time of the batch. */
  @Property() startTime!: string;
  @Property() endTime!: string;
  @Property('sensorReport', 'SensorReport[]') sensorReport!: SensorReport[];
}

/** An EPCIS 2.0 ObjectEvent as stored for a shipment (what, when, where, why, how). */
@DataType()
export class EpcisEvent {
  @Property() type!: string;
  /** Unique event ID: `urn:city-ledger:logistics:event:<txId>`. */
  @Property() eventID!: string;
  @Property() shipmentId!: string;
  /** 0-based position in the shipment's history. */
  @Property() seq!: number;
  /** When: the transaction timestamp (UTC). */
  @Property() eventTime!: string;
  @Property() eventTimeZoneOffset!: string;
  @Property() action!: string;
  /** What. */
  @Property('epcList', 'string[]') epcList!: string[];
  @Property('quantityList', 'QuantityElement[]') quantityList!: QuantityElement[];
  /** Why. */
  @Property() bizStep!: string;
  @Property() disposition!: string;
  /** Where. */
  @Property() readPoint?: string;
  @Property() bizLocation?: string;
  /** Custody parties (offers and acceptances). */
  @Property('sourceList', 'PartyRef[]') sourceList?: PartyRef[];
  @Property('destinationList', 'PartyRef[]') destinationList?: PartyRef[];
  /** How: sensor data (sensor_reporting events). */
  @Property('sensorElementList', 'SensorElement[]') sensorElementList?: SensorElement[];
  /** Who recorded it and in which transaction. */
  @Property() recordedBy!: string;
  @Property() txId!: string;
}

/** One page of a shipment's EPCIS events, oldest first. */
@DataType()
export class EpcisEventPage {
  @Property('items', 'EpcisEvent[]') items!: EpcisEvent[];
  /** Pass back to get the next page; `''` after the last page. */
  @Property() bookmark!: string;
}

const EVENT_KEY = 'epcisEvent';
const EVENT_INDEX = 'shipment~event';

/** The eventID of the transaction's event. */
export function eventIdFor(txId: string): string {
  return `urn:city-ledger:logistics:event:${txId}`;
}

/** Zero-padded sequence number so that index keys sort in event order. */
export function seqAttr(seq: number): string {
  return String(seq).padStart(10, '0');
}

/** Writes `event` under its own key and its `shipment~event` index entry. */
export async function appendEpcisEvent(ctx: Context, event: EpcisEvent): Promise<void> {
  await writeJson(ctx, keyFor(ctx, EVENT_KEY, event.txId), event);
  await putIndex(ctx, EVENT_INDEX, [event.shipmentId, seqAttr(event.seq), event.txId]);
}

/** One page of a shipment's events, oldest first. Paginated: evaluate-only. */
export async function listEpcisEvents(
  ctx: Context,
  shipmentId: string,
  pageSize: string,
  bookmark: string,
): Promise<EpcisEventPage> {
  return listByIndex<EpcisEvent>(ctx, EVENT_INDEX, [shipmentId], {
    pageSize,
    bookmark,
    primaryKey: (txId) => keyFor(ctx, EVENT_KEY, txId),
  });
}
