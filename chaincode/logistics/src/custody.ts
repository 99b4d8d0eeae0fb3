/**
 * `custody` contract: custody handover between departments.
 *
 * 1. The custodian offers custody to another department (`offerCustody`): ACTIVE -> OFFERED.
 * 2. Only the RECEIVING department accepts (`acceptCustody`): OFFERED -> ACTIVE with the new
 *    custodian. Another org accepting -> FORBIDDEN; no pending offer -> CONFLICT.
 * 3. Until then the sender may withdraw (`withdrawCustodyOffer`): OFFERED -> ACTIVE.
 *
 * EPCIS: the offer is `shipping`/`in_transit` with a `possessing_party` destination; the
 * acceptance `accepting`/`in_progress` with source and destination parties; a withdrawal
 * `void_shipping`/`in_progress`.
 */
import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import './components';
import {
  CityContract,
  conflict,
  forbidden,
  invalidArgument,
  requireEnum,
  requireId,
  requireWriter,
  txTimestamp,
  type Caller,
} from '@city-ledger/chaincode-common';
import { shippingMsps, SHIPPING_ROLES } from './roles';
import {
  loadShipment,
  parseEventContext,
  requireCustodian,
  requireStatus,
  saveWithEvent,
  type CustodyOffer,
  type Shipment,
} from './shipment';

function pendingOffer(shipment: Shipment): CustodyOffer {
  if (shipment.status !== 'OFFERED' || shipment.pendingOffer === undefined) {
    throw conflict(`shipment ${shipment.id} has no pending custody offer`);
  }
  return shipment.pendingOffer;
}

function guardedShipment(ctx: CustodyContext, shipmentId: string): { who: Caller; id: string } {
  const who = requireWriter(ctx, shippingMsps(), SHIPPING_ROLES);
  return { who, id: requireId(shipmentId, 'shipmentId') };
}

/**
 * The contract's transaction context. Declared in this file so that the decorator metadata
 * (`design:paramtypes`) names it directly: fabric-contract-api recognises the context
 * parameter by `createContext().constructor`.
 */
export class CustodyContext extends Context {}

@Info({ title: 'Custody', description: 'Custody handover of shipments: offer, accept, withdraw' })
export class CustodyContract extends CityContract {
  constructor() {
    super('custody');
  }

  override createContext(): CustodyContext {
    return new CustodyContext();
  }

  /** The custodian offers custody to department `toMsp`. Event: CustodyOffered. */
  @Transaction()
  @Returns('Shipment')
  async offerCustody(ctx: CustodyContext, shipmentId: string, toMsp: string) {
    const { who, id } = guardedShipment(ctx, shipmentId);
    const to = requireEnum(toMsp, 'toMsp', shippingMsps());
    if (to === who.msp) {
      throw invalidArgument('toMsp must be another department than the custodian');
    }
    const shipment = await loadShipment(ctx, id);
    requireCustodian(shipment, who.msp);
    requireStatus(shipment, ['ACTIVE'], 'offerCustody');
    const offer: CustodyOffer = { from: who.msp, to, offeredAt: txTimestamp(ctx) };
    return saveWithEvent(ctx, { ...shipment, status: 'OFFERED', pendingOffer: offer }, who.msp, {
      action: 'OBSERVE',
      bizStep: 'shipping',
      disposition: 'in_transit',
      sourceList: [{ type: 'possessing_party', party: who.msp }],
      destinationList: [{ type: 'possessing_party', party: to }],
      chainEvent: 'CustodyOffered',
      payload: { from: who.msp, to },
    });
  }

  /** The offering custodian withdraws its pending offer. Event: CustodyOfferWithdrawn. */
  @Transaction()
  @Returns('Shipment')
  async withdrawCustodyOffer(ctx: CustodyContext, shipmentId: string) {
    const { who, id } = guardedShipment(ctx, shipmentId);
    const shipment = await loadShipment(ctx, id);
    requireCustodian(shipment, who.msp);
    const offer = pendingOffer(shipment);
    return saveWithEvent(ctx, { ...shipment, status: 'ACTIVE', pendingOffer: undefined }, who.msp, {
      action: 'OBSERVE',
      bizStep: 'void_shipping',
      disposition: 'in_progress',
      chainEvent: 'CustodyOfferWithdrawn',
      payload: { from: offer.from, to: offer.to },
    });
  }

  /**
   * The receiving department accepts the pending offer and becomes custodian.
   * `contextJson`: `''` or `{readPoint?, bizLocation?, eventTimeZoneOffset?}`. Event: CustodyAccepted.
   */
  @Transaction()
  @Returns('Shipment')
  async acceptCustody(ctx: CustodyContext, shipmentId: string, contextJson: string) {
    const { who, id } = guardedShipment(ctx, shipmentId);
    const where = parseEventContext(contextJson);
    const shipment = await loadShipment(ctx, id);
    const offer = pendingOffer(shipment);
    if (offer.to !== who.msp) {
      throw forbidden(`only ${offer.to} may accept custody of shipment ${id}`);
    }
    const next: Shipment = { ...shipment, status: 'ACTIVE', custodian: who.msp, pendingOffer: undefined };
    return saveWithEvent(ctx, next, who.msp, {
      action: 'OBSERVE',
      bizStep: 'accepting',
      disposition: 'in_progress',
      where,
      sourceList: [{ type: 'possessing_party', party: offer.from }],
      destinationList: [{ type: 'possessing_party', party: who.msp }],
      chainEvent: 'CustodyAccepted',
      payload: { from: offer.from, to: offer.to },
    });
  }
}
