/**
 * Private data collections of the energy chaincode. chaincode/chaincodes.yaml declares their
 * members by remit; the network generates collections_config.json and the consortium descriptor
 * from that declaration.
 *
 * @example
 * ```ts
 * await putPrivateJson(ctx, Collections.Positions, orderKey(ctx, intervalId, householdId), order);
 * ```
 */
import { EnergyCollection } from '@city-ledger/domain';

/** Collection names, declared in @city-ledger/domain (energy/collections). */
export const Collections = EnergyCollection;
