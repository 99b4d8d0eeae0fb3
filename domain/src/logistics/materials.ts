/**
 * Construction-material deliveries (logistics chaincode, `materials` contract), checked against
 * a permit, and the supplier terms that only Public Works keeps, privately.
 *
 * @example
 * ```ts
 * const delivery = parseJson(DeliveryInput, raw, 'delivery');   // INVALID_ARGUMENT: delivery.items must have 1..200 items
 * ```
 */
import { Type, type Static } from '@sinclair/typebox';
import { described, HexHash, Id, Text, Timestamp, withMessage } from '../schemas';
import { LocationUrn, Uom } from './epcis';

/** Most items in one delivery, and most prices in one set of terms. */
export const MAX_DELIVERY_ITEMS = 200;

/** One delivered material. */
export const MaterialItem = Type.Object(
  { materialCode: Id, description: Type.Optional(Text(1000)), quantity: Type.Number({ minimum: 0.000001, maximum: 1e9 }), uom: Uom },
  { additionalProperties: false },
);
export type MaterialItem = Static<typeof MaterialItem>;

/** The `deliveryJson` argument of registerDelivery. */
export const DeliveryInput = Type.Object(
  { id: Id, permitId: Id, supplierId: Id, site: Type.Optional(LocationUrn), items: Type.Array(MaterialItem, { minItems: 1, maxItems: MAX_DELIVERY_ITEMS }) },
  { additionalProperties: false },
);
export type DeliveryInput = Static<typeof DeliveryInput>;

/** A delivery as registered. */
export const MaterialsDelivery = Type.Object(
  {
    ...DeliveryInput.properties,
    permitStatus: Type.String({ description: 'Status of the permit when the delivery was registered' }),
    registeredBy: Type.String({ description: 'MSP ID of the registering department' }),
    registeredAt: Timestamp,
    supplierTermsHash: Type.Optional(described(HexHash, 'SHA-256 of the private supplier terms')),
  },
  { additionalProperties: false },
);
export type MaterialsDelivery = Static<typeof MaterialsDelivery>;

/** A unit price of a material. */
export const SupplierPrice = Type.Object(
  {
    materialCode: Id,
    unitPrice: Type.Number({ minimum: 0, maximum: 1e12 }),
    currency: withMessage(Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217, e.g. EUR' }), 'must be an ISO 4217 currency code like EUR'),
  },
  { additionalProperties: false },
);
export type SupplierPrice = Static<typeof SupplierPrice>;

/** Supplier terms as a client states them. */
export const SupplierTermsFields = Type.Object(
  {
    contractRef: Id,
    paymentTerms: Type.Optional(Text(1000)),
    validUntil: Type.Optional(Timestamp),
    prices: Type.Array(SupplierPrice, { minItems: 1, maxItems: MAX_DELIVERY_ITEMS }),
  },
  { additionalProperties: false, description: 'Private: sent as transient data to Public Works only; the ledger keeps its hash' },
);
export type SupplierTermsFields = Static<typeof SupplierTermsFields>;

/** Supplier terms as stored in Public Works' collection (the transient `supplierTerms` input). */
export const SupplierTerms = Type.Object(
  { salt: Text(128, { min: 16, description: 'Random salt, so that the public hash cannot be guessed' }), ...SupplierTermsFields.properties },
  { additionalProperties: false },
);
export type SupplierTerms = Static<typeof SupplierTerms>;
