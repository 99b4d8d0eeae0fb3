/**
 * Names of the logistics chaincode's private data collections; chaincode/chaincodes.yaml
 * declares their members by remit (a unit test checks the names match).
 *
 * @example
 * ```ts
 * await putPrivateJson(ctx, LogisticsCollection.SupplierTerms, key, terms);
 * ```
 */
export const LogisticsCollection = {
  /** Supplier terms and prices of building-material deliveries; the `procurement` departments only. */
  SupplierTerms: 'publicWorksSupplierTerms',
} as const;
