/**
 * `materials` contract: deliveries of building materials linked to a permit in `records`.
 *
 * - `registerDelivery` (PublicWorks officer/clerk) checks the permit through the records
 *   chaincode (status APPROVED or INSPECTION_PASSED), stores the public delivery and, when the transient
 *   map has `supplierTerms`, stores them in `publicWorksSupplierTerms` and keeps only their hash
 *   publicly. Event: MaterialsDelivered (IDs, counts and the hash only).
 * - `getSupplierTerms` is evaluate-only and PublicWorks-only; everyone else gets FORBIDDEN.
 * - `getDelivery` and `listDeliveriesByPermit`: any channel member.
 *
 * Endorsement: a delivery's public key gets the key-level policy "PublicWorks peer"
 * (`materialsMsps`); the supplier terms follow their collection's policy, and the
 * `delivery~permit` index entry is written once and never changed.
 */
import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import './components';
import {
  CityContract,
  emitEvent,
  listByIndex,
  notFound,
  putIndex,
  putPrivateJson,
  readJson,
  readPrivateJson,
  requireAbsent,
  requireId,
  requireKeyEndorsers,
  requireMsp,
  requireRole,
  requireWriter,
  sha256Hex,
  toBytes,
  txTimestamp,
  writeJson,
} from '@city-ledger/chaincode-common';
import { Collections } from './collections';
import {
  deliveryKey,
  parseDelivery,
  readSupplierTerms,
  supplierTermsKey,
  type MaterialsDelivery,
  type MaterialsDeliveryPage,
  type SupplierTerms,
} from './delivery';
import { requirePermitAllowingMaterials } from './permits';
import { materialsMsps, MATERIALS_ROLES } from './roles';

const PERMIT_INDEX = 'delivery~permit';

/**
 * The contract's transaction context. Declared in this file so that the decorator metadata
 * (`design:paramtypes`) names it directly: fabric-contract-api recognises the context
 * parameter by `createContext().constructor`.
 */
export class MaterialsContext extends Context {}

@Info({ title: 'Materials', description: 'Building-material deliveries linked to permits; private supplier terms' })
export class MaterialsContract extends CityContract {
  constructor() {
    super('materials', [Collections.SupplierTerms]);
  }

  override createContext(): MaterialsContext {
    return new MaterialsContext();
  }

  /**
   * Registers a delivery. `deliveryJson`: `{id, permitId, supplierId, site?, items:
   * [{materialCode, description?, quantity, uom}]}`; transient `supplierTerms` (optional):
   * `{salt, contractRef, paymentTerms?, validUntil?, prices: [{materialCode, unitPrice, currency}]}`.
   * Returns the public record only.
   */
  @Transaction()
  @Returns('MaterialsDelivery')
  async registerDelivery(ctx: MaterialsContext, deliveryJson: string) {
    const who = requireWriter(ctx, materialsMsps(), MATERIALS_ROLES);
    const input = parseDelivery(deliveryJson);
    const terms = readSupplierTerms(ctx);
    const key = deliveryKey(ctx, input.id);
    await requireAbsent(ctx, key, 'delivery');
    const permit = await requirePermitAllowingMaterials(ctx, input.permitId);
    const now = txTimestamp(ctx);
    const delivery: MaterialsDelivery = {
      ...input,
      permitStatus: permit.status,
      registeredBy: who.msp,
      registeredAt: now,
      supplierTermsHash: terms === undefined ? undefined : sha256Hex(toBytes(terms)),
    };
    await writeJson(ctx, key, delivery);
    await requireKeyEndorsers(ctx, key, materialsMsps());
    await putIndex(ctx, PERMIT_INDEX, [input.permitId, input.id]);
    if (terms !== undefined) {
      await putPrivateJson(ctx, Collections.SupplierTerms, supplierTermsKey(ctx, input.id), terms);
    }
    emitEvent(ctx, 'MaterialsDelivered', {
      deliveryId: input.id,
      permitId: input.permitId,
      permitStatus: permit.status,
      itemCount: input.items.length,
      supplierTermsHash: delivery.supplierTermsHash,
      txTime: now,
    });
    return delivery;
  }

  /** A delivery's public record. Any channel member. */
  @Transaction(false)
  @Returns('MaterialsDelivery')
  async getDelivery(ctx: MaterialsContext, deliveryId: string) {
    return readJson<MaterialsDelivery>(ctx, deliveryKey(ctx, requireId(deliveryId, 'deliveryId')), 'delivery');
  }

  /** Deliveries for a permit, in delivery-ID order, one page at a time. Any channel member. */
  @Transaction(false)
  @Returns('MaterialsDeliveryPage')
  async listDeliveriesByPermit(
    ctx: MaterialsContext,
    permitId: string,
    pageSize: string,
    bookmark: string,
  ) {
    const id = requireId(permitId, 'permitId');
    const page: MaterialsDeliveryPage = await listByIndex<MaterialsDelivery>(ctx, PERMIT_INDEX, [id], {
      pageSize,
      bookmark,
      primaryKey: (deliveryId) => deliveryKey(ctx, deliveryId),
    });
    return page;
  }

  /**
   * The delivery's private supplier terms. Evaluate only; PublicWorks officers and clerks only
   * (other orgs, the Auditor included, get FORBIDDEN). NOT_FOUND when the delivery has none.
   */
  @Transaction(false)
  @Returns('SupplierTerms')
  async getSupplierTerms(ctx: MaterialsContext, deliveryId: string) {
    requireMsp(ctx, materialsMsps());
    requireRole(ctx, MATERIALS_ROLES);
    const id = requireId(deliveryId, 'deliveryId');
    const delivery = await readJson<MaterialsDelivery>(ctx, deliveryKey(ctx, id), 'delivery');
    if (delivery.supplierTermsHash === undefined) {
      throw notFound('supplier terms of delivery', id);
    }
    return readPrivateJson<SupplierTerms>(ctx, Collections.SupplierTerms, supplierTermsKey(ctx, id), 'supplier terms');
  }
}
