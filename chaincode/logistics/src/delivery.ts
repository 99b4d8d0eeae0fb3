/**
 * Building-material delivery records and supplier terms (declared once, in @city-ledger/domain,
 * logistics/materials).
 *
 * The public delivery names the permit, the supplier and the items; supplier terms and prices
 * arrive in the transient map (`supplierTerms`) and go to the PublicWorks-only collection
 * `publicWorksSupplierTerms`; the public record keeps only `supplierTermsHash`, the SHA-256 of
 * the stored terms (equal to Fabric's private data hash). The terms carry a client-chosen
 * `salt` so that the hash cannot be confirmed by guessing prices.
 *
 * @example
 * ```ts
 * const input = parseDelivery(deliveryJson);
 * const terms = readSupplierTerms(ctx);   // undefined when the transient map has none
 * ```
 */
import { keyFor, readTransientJson, type Page } from '@city-ledger/chaincode-common';
import { DeliveryInput, parseJson, SupplierTerms, validate, type MaterialsDelivery } from '@city-ledger/domain';
import type { Context } from 'fabric-contract-api';

export {
  MAX_DELIVERY_ITEMS,
  type DeliveryInput,
  type MaterialItem,
  type MaterialsDelivery,
  type SupplierPrice,
  type SupplierTerms,
} from '@city-ledger/domain';

/** Transient map field carrying the supplier terms of `registerDelivery`. */
export const SUPPLIER_TERMS_TRANSIENT_KEY = 'supplierTerms';

/** One page of a permit's deliveries. */
export type MaterialsDeliveryPage = Page<MaterialsDelivery>;

/** The `deliveryJson` argument of registerDelivery. */
export function parseDelivery(raw: string): DeliveryInput {
  return parseJson(DeliveryInput, raw, 'delivery');
}

/** The transient supplier terms, or undefined when the transient map has none. */
export function readSupplierTerms(ctx: Context): SupplierTerms | undefined {
  if (!ctx.stub.getTransient().has(SUPPLIER_TERMS_TRANSIENT_KEY)) {
    return undefined;
  }
  return validate(SupplierTerms, readTransientJson(ctx, SUPPLIER_TERMS_TRANSIENT_KEY), SUPPLIER_TERMS_TRANSIENT_KEY);
}

/** Public key of a delivery. */
export function deliveryKey(ctx: Context, id: string): string {
  return keyFor(ctx, 'materialsDelivery', id);
}

/** Private key of a delivery's supplier terms. */
export function supplierTermsKey(ctx: Context, deliveryId: string): string {
  return keyFor(ctx, 'supplierTerms', deliveryId);
}
