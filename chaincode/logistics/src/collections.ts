/**
 * Private data collections of the logistics chaincode. `collections_config.json` at the package
 * root must declare exactly these names (a unit test checks it).
 *
 * @example
 * ```ts
 * await putPrivateJson(ctx, Collections.SupplierTerms, key, terms);
 * ```
 */
import { Msp } from '@city-ledger/chaincode-common';

/** Collection names. */
export const Collections = {
  /** Supplier terms and prices of building-material deliveries; PublicWorks only. */
  SupplierTerms: 'publicWorksSupplierTerms',
} as const;

/** Member orgs of each collection (the Auditor is a member of none). */
export const COLLECTION_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  [Collections.SupplierTerms]: [Msp.PublicWorks],
};
