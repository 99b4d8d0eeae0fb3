/**
 * `shipments` contract: create a shipment (an EPCIS ObjectEvent with action ADD), receive and
 * close it, read it and trace its full EPCIS history. Custody handover is in `custody`,
 * sensor readings in `coldchain`.
 *
 * Writers: officers and clerks of any department (see roles.ts); only the custodian moves a
 * shipment. Readers: every channel member, including the Auditor.
 */
import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import './components';
import { CityContract, invalidArgument, requireAbsent, requireId, requireWriter, txTimestamp } from '@city-ledger/chaincode-common';
import { parseJson, ShipmentInput } from '@city-ledger/domain';
import { emptySummary, requireTemperatureRange } from './coldChain';
import { listEpcisEvents } from './epcis';
import { shippingMsps, SHIPPING_ROLES } from './roles';
import {
  loadShipment,
  parseEventContext,
  requireCustodian,
  requireStatus,
  saveWithEvent,
  shipmentKey,
  type Shipment,
} from './shipment';

/** The `shipmentJson` argument of createShipment, with the checks its schema cannot state. */
function parseNewShipment(raw: string): ShipmentInput {
  const input = parseJson(ShipmentInput, raw, 'shipment');
  if (input.temperatureRange) {
    requireTemperatureRange(input.temperatureRange, 'shipment.temperatureRange');
  }
  if ((input.epcList ?? []).length + (input.quantityList ?? []).length === 0) {
    throw invalidArgument('shipment needs at least one entry in shipment.epcList or shipment.quantityList');
  }
  return input;
}

/**
 * The contract's transaction context. Declared in this file so that the decorator metadata
 * (`design:paramtypes`) names it directly: fabric-contract-api recognises the context
 * parameter by `createContext().constructor`.
 */
export class ShipmentsContext extends Context {}

@Info({ title: 'Shipments', description: 'EPCIS-shaped shipments: create, receive, close, read, trace' })
export class ShipmentsContract extends CityContract {
  constructor() {
    super('shipments');
  }

  override createContext(): ShipmentsContext {
    return new ShipmentsContext();
  }

  /**
   * Creates a shipment held by the caller's department. `shipmentJson`:
   * `{id, epcList?, quantityList?, readPoint?, bizLocation?, bizStep? (default shipping),
   * disposition? (default in_progress), eventTimeZoneOffset?, temperatureRange?: {minC, maxC}}`.
   * Event: ShipmentCreated.
   */
  @Transaction()
  @Returns('Shipment')
  async createShipment(ctx: ShipmentsContext, shipmentJson: string) {
    const who = requireWriter(ctx, shippingMsps(), SHIPPING_ROLES);
    const input = parseNewShipment(shipmentJson);
    await requireAbsent(ctx, shipmentKey(ctx, input.id), 'shipment');
    const now = txTimestamp(ctx);
    const shipment: Shipment = {
      id: input.id,
      status: 'ACTIVE',
      custodian: who.msp,
      origin: who.msp,
      epcList: input.epcList ?? [],
      quantityList: input.quantityList ?? [],
      readPoint: input.readPoint,
      bizLocation: input.bizLocation,
      bizStep: 'shipping',
      disposition: 'in_progress',
      temperatureRange: input.temperatureRange,
      flagged: false,
      readings: emptySummary(),
      eventCount: 0,
      createdAt: now,
      updatedAt: now,
    };
    return saveWithEvent(ctx, shipment, who.msp, {
      action: 'ADD',
      bizStep: input.bizStep ?? 'shipping',
      disposition: input.disposition ?? 'in_progress',
      where: { readPoint: input.readPoint, bizLocation: input.bizLocation, eventTimeZoneOffset: input.eventTimeZoneOffset },
      chainEvent: 'ShipmentCreated',
    });
  }

  /**
   * The custodian confirms arrival: ACTIVE -> RECEIVED (bizStep receiving, disposition
   * in_progress). `contextJson`: `''` or `{readPoint?, bizLocation?, eventTimeZoneOffset?}`.
   * Event: ShipmentReceived.
   */
  @Transaction()
  @Returns('Shipment')
  async receiveShipment(ctx: ShipmentsContext, shipmentId: string, contextJson: string) {
    const who = requireWriter(ctx, shippingMsps(), SHIPPING_ROLES);
    const id = requireId(shipmentId, 'shipmentId');
    const where = parseEventContext(contextJson);
    const shipment = await loadShipment(ctx, id);
    requireCustodian(shipment, who.msp);
    requireStatus(shipment, ['ACTIVE'], 'receiveShipment');
    return saveWithEvent(ctx, { ...shipment, status: 'RECEIVED' }, who.msp, {
      action: 'OBSERVE',
      bizStep: 'receiving',
      disposition: 'in_progress',
      where,
      chainEvent: 'ShipmentReceived',
    });
  }

  /**
   * The custodian closes a received shipment: RECEIVED -> CLOSED (bizStep storing,
   * disposition available). Event: ShipmentClosed.
   */
  @Transaction()
  @Returns('Shipment')
  async closeShipment(ctx: ShipmentsContext, shipmentId: string) {
    const who = requireWriter(ctx, shippingMsps(), SHIPPING_ROLES);
    const id = requireId(shipmentId, 'shipmentId');
    const shipment = await loadShipment(ctx, id);
    requireCustodian(shipment, who.msp);
    requireStatus(shipment, ['RECEIVED'], 'closeShipment');
    return saveWithEvent(ctx, { ...shipment, status: 'CLOSED' }, who.msp, {
      action: 'OBSERVE',
      bizStep: 'storing',
      disposition: 'available',
      chainEvent: 'ShipmentClosed',
    });
  }

  /** A shipment's current state. Any channel member. */
  @Transaction(false)
  @Returns('Shipment')
  async getShipment(ctx: ShipmentsContext, shipmentId: string) {
    return loadShipment(ctx, requireId(shipmentId, 'shipmentId'));
  }

  /**
   * The shipment's EPCIS events, oldest first, one page at a time (`pageSize` 1..100,
   * `bookmark` '' for the first page). Any channel member.
   */
  @Transaction(false)
  @Returns('EpcisEventPage')
  async trace(ctx: ShipmentsContext, shipmentId: string, pageSize: string, bookmark: string) {
    const id = requireId(shipmentId, 'shipmentId');
    await loadShipment(ctx, id);
    return listEpcisEvents(ctx, id, pageSize, bookmark);
  }
}
