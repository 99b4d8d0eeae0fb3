/**
 * Building-material delivery records and supplier terms.
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
import { Object as DataType, Property, type Context } from 'fabric-contract-api';
import {
  invalidArgument,
  keyFor,
  optional,
  optionalIsoTimestamp,
  optionalText,
  parseJsonArg,
  readTransientJson,
  requireArray,
  requireId,
  requireNumber,
  requireShape,
  requireText,
} from '@city-ledger/chaincode-common';
import { requireLocationUrn, requireUom } from './epcis';

/** Transient map key of supplier terms. */
export const SUPPLIER_TERMS_TRANSIENT_KEY = 'supplierTerms';
/** Most items in one delivery. */
export const MAX_DELIVERY_ITEMS = 200;

/** One delivered material. */
@DataType()
export class MaterialItem {
  @Property() materialCode!: string;
  @Property() description?: string;
  @Property() quantity!: number;
  /** UN/CEFACT unit code, e.g. KGM, MTQ, EA. */
  @Property() uom!: string;
}

/** A delivery of building materials for a permit (public). */
@DataType()
export class MaterialsDelivery {
  @Property() id!: string;
  @Property() permitId!: string;
  /** The permit's status in records when the delivery was registered. */
  @Property() permitStatus!: string;
  @Property() supplierId!: string;
  /** Building site as an SGLN URN. */
  @Property() site?: string;
  @Property('items', 'MaterialItem[]') items!: MaterialItem[];
  /** MSP that registered it. */
  @Property() registeredBy!: string;
  @Property() registeredAt!: string;
  /** SHA-256 of the private supplier terms, when given. */
  @Property() supplierTermsHash?: string;
}

/** One negotiated unit price (private). */
@DataType()
export class SupplierPrice {
  @Property() materialCode!: string;
  @Property() unitPrice!: number;
  /** ISO 4217 code, e.g. EUR. */
  @Property() currency!: string;
}

/** Commercial terms of a delivery (private to PublicWorks). */
@DataType()
export class SupplierTerms {
  /** 16..128 characters chosen by the client; makes the public hash unguessable. */
  @Property() salt!: string;
  @Property() contractRef!: string;
  @Property() paymentTerms?: string;
  @Property() validUntil?: string;
  @Property('prices', 'SupplierPrice[]') prices!: SupplierPrice[];
}

/** A page of deliveries. */
@DataType()
export class MaterialsDeliveryPage {
  @Property('items', 'MaterialsDelivery[]') items!: MaterialsDelivery[];
  @Property() bookmark!: string;
}

/** Input of `registerDelivery`. */
export type NewDelivery = Pick<MaterialsDelivery, 'id' | 'permitId' | 'supplierId' | 'site' | 'items'>;

const CURRENCY = /^[A-Z]{3}$/;

function requireMaterialItem(value: unknown, field: string): MaterialItem {
  return requireShape<MaterialItem>(value, field, {
    materialCode: requireId,
    description: optionalText,
    quantity: (v, f) => requireNumber(v, f, { min: 0.000001, max: 1e9 }),
    uom: requireUom,
  });
}

function requireSupplierPrice(value: unknown, field: string): SupplierPrice {
  return requireShape<SupplierPrice>(value, field, {
    materialCode: requireId,
    unitPrice: (v, f) => requireNumber(v, f, { min: 0, max: 1e12 }),
    currency: (v, f) => {
      if (typeof v !== 'string' || !CURRENCY.test(v)) {
        throw invalidArgument(`${f} must be an ISO 4217 currency code like EUR`);
      }
      return v;
    },
  });
}

/** Parses `deliveryJson`: `{id, permitId, supplierId, site?, items: [{materialCode, description?, quantity, uom}]}`. */
export function parseDelivery(raw: string): NewDelivery {
  return parseJsonArg<NewDelivery>(raw, 'delivery', {
    id: requireId,
    permitId: requireId,
    supplierId: requireId,
    site: optional(requireLocationUrn),
    items: (v, f) => requireArray(v, f, requireMaterialItem, { min: 1, max: MAX_DELIVERY_ITEMS }),
  });
}

/** Supplier terms from the transient map, or undefined when the client sent none. */
export function readSupplierTerms(ctx: Context): SupplierTerms | undefined {
  if (!ctx.stub.getTransient().has(SUPPLIER_TERMS_TRANSIENT_KEY)) {
    return undefined;
  }
  return readTransientJson<SupplierTerms>(ctx, SUPPLIER_TERMS_TRANSIENT_KEY, {
    salt: (v, f) => requireText(v, f, { min: 16, max: 128 }),
    contractRef: requireId,
    paymentTerms: optionalText,
    validUntil: optionalIsoTimestamp,
    prices: (v, f) => requireArray(v, f, requireSupplierPrice, { min: 1, max: MAX_DELIVERY_ITEMS }),
  });
}

/** Public key of a delivery. */
export function deliveryKey(ctx: Context, id: string): string {
  return keyFor(ctx, 'materialsDelivery', id);
}

/** Private key of a delivery's supplier terms. */
export function supplierTermsKey(ctx: Context, deliveryId: string): string {
  return keyFor(ctx, 'supplierTerms', deliveryId);
}
