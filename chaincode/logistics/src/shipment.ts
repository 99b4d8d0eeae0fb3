/**
 * The shipment record and what every shipment transaction shares: loading, the custodian
 * check, the status check and "save + append EPCIS event + emit chain event".
 *
 * State machine (illegal transitions are CONFLICT):
 *
 * ```
 * createShipment -> ACTIVE --offerCustody--> OFFERED --acceptCustody--> ACTIVE (new custodian)
 *                      ^                        |
 *                      +--withdrawCustodyOffer--+
 * ACTIVE --receiveShipment--> RECEIVED --closeShipment--> CLOSED
 * ```
 *
 * @example
 * ```ts
 * const shipment = await loadShipment(ctx, id);
 * requireCustodian(shipment, who.msp);
 * requireStatus(shipment, ['ACTIVE'], 'receiveShipment');
 * return saveWithEvent(ctx, { ...shipment, status: 'RECEIVED' }, who.msp, { bizStep: 'receiving', ... });
 * ```
 *
 * Endorsement: every save sets the shipment key's key-level policy from the saved state
 * ({@link shipmentEndorsers}): the custodian's peer, and while an offer is pending the
 * receiver's peer too, so acceptCustody needs both departments. The EPCIS event and its index
 * entry are new keys in every transaction, never changed, so they carry no key-level policy.
 */
import {
  conflict,
  emitEvent,
  forbidden,
  keyFor,
  readJson,
  requireKeyEndorsers,
  txTimestamp,
  writeJson,
} from '@city-ledger/chaincode-common';
import { EventContextInput, parseJson, type Shipment, type ShipmentStatus } from '@city-ledger/domain';
import type { Context } from 'fabric-contract-api';
import { appendEpcisEvent, eventIdFor, type BizStep, type Disposition, type EpcisAction, type EpcisEvent, type PartyRef, type SensorElement } from './epcis';

export { SHIPMENT_STATUSES, type CustodyOffer, type Shipment, type ShipmentStatus } from '@city-ledger/domain';

/** The "where" of a move: read point, business location, time zone offset (each optional). */
export type EventContext = EventContextInput;

/** The `contextJson` argument of a move; `''` means no context. */
export function parseEventContext(raw: string): EventContext {
  return raw === '' ? {} : parseJson(EventContextInput, raw, 'context');
}

/** Primary key of a shipment. */
export function shipmentKey(ctx: Context, id: string): string {
  return keyFor(ctx, 'shipment', id);
}

/** Reads a shipment; NOT_FOUND when absent. */
export async function loadShipment(ctx: Context, id: string): Promise<Shipment> {
  return readJson<Shipment>(ctx, shipmentKey(ctx, id), 'shipment');
}

/** FORBIDDEN unless `msp` holds custody. */
export function requireCustodian(shipment: Shipment, msp: string): void {
  if (shipment.custodian !== msp) {
    throw forbidden(`only the custodian ${shipment.custodian} may change shipment ${shipment.id}`);
  }
}

/**
 * The orgs whose peers must all endorse the next change of the shipment: the custodian, plus
 * the receiving department while a custody offer is pending.
 */
export function shipmentEndorsers(shipment: Shipment): string[] {
  return shipment.pendingOffer ? [shipment.custodian, shipment.pendingOffer.to] : [shipment.custodian];
}

/** CONFLICT unless the shipment is in one of `allowed` statuses. */
export function requireStatus(shipment: Shipment, allowed: readonly ShipmentStatus[], action: string): void {
  if (!(allowed as readonly string[]).includes(shipment.status)) {
    throw conflict(`shipment ${shipment.id} is ${shipment.status}; ${action} needs ${allowed.join(' or ')}`);
  }
}

/** What a transition contributes to its EPCIS event. */
export interface EventSpec {
  action: EpcisAction;
  bizStep: BizStep;
  disposition: Disposition;
  where?: EventContext;
  sourceList?: PartyRef[];
  destinationList?: PartyRef[];
  sensorElementList?: SensorElement[];
  /** Chain event name and extra payload fields (IDs and statuses only). */
  chainEvent: string;
  payload?: Record<string, unknown>;
}

/**
 * Writes `next` (with where/why, eventCount and updatedAt refreshed) and its key-level policy
 * ({@link shipmentEndorsers}), appends the EPCIS event and emits the transaction's single
 * chain event. Returns the saved shipment.
 */
export async function saveWithEvent(ctx: Context, next: Shipment, recordedBy: string, spec: EventSpec): Promise<Shipment> {
  const now = txTimestamp(ctx);
  const txId = ctx.stub.getTxID();
  const seq = next.eventCount;
  const saved: Shipment = {
    ...next,
    readPoint: spec.where?.readPoint ?? next.readPoint,
    bizLocation: spec.where?.bizLocation ?? next.bizLocation,
    bizStep: spec.bizStep,
    disposition: spec.disposition,
    eventCount: seq + 1,
    updatedAt: now,
  };
  const event: EpcisEvent = {
    type: 'ObjectEvent',
    eventID: eventIdFor(txId),
    shipmentId: saved.id,
    seq,
    eventTime: now,
    eventTimeZoneOffset: spec.where?.eventTimeZoneOffset ?? '+00:00',
    action: spec.action,
    epcList: saved.epcList,
    quantityList: saved.quantityList,
    bizStep: spec.bizStep,
    disposition: spec.disposition,
    readPoint: saved.readPoint,
    bizLocation: saved.bizLocation,
    sourceList: spec.sourceList,
    destinationList: spec.destinationList,
    sensorElementList: spec.sensorElementList,
    recordedBy,
    txId,
  };
  const key = shipmentKey(ctx, saved.id);
  await writeJson(ctx, key, saved);
  await requireKeyEndorsers(ctx, key, shipmentEndorsers(saved));
  await appendEpcisEvent(ctx, event);
  emitEvent(ctx, spec.chainEvent, {
    shipmentId: saved.id,
    status: saved.status,
    custodian: saved.custodian,
    bizStep: spec.bizStep,
    disposition: spec.disposition,
    eventID: event.eventID,
    seq,
    txTime: now,
    ...spec.payload,
  });
  return saved;
}
