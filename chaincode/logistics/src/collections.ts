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
import { LogisticsCollection } from '@city-ledger/domain';

/** Collection names, declared in @city-ledger/domain (logistics/collections). */
export const Collections = LogisticsCollection;
