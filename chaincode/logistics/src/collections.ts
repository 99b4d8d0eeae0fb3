/**
 * Private data collections of the logistics chaincode. chaincode/chaincodes.yaml declares their
 * members by remit; the network generates collections_config.json and the consortium descriptor
 * from that declaration.
 *
 * @example
 * ```ts
 * await putPrivateJson(ctx, Collections.SupplierTerms, key, terms);
 * ```
 */

/** Collection names. */
export const Collections = {
  /** Supplier terms and prices of building-material deliveries; the `procurement` departments only. */
  SupplierTerms: 'publicWorksSupplierTerms',
} as const;
