/**
 * Where an owner's personal data lives. It arrives in the transient field `owner` (never as an
 * argument, which would be recorded on the ledger), is stored in the Registry-only collection
 * `registryPropertyOwners` under the owner's pseudonymous ID, and is read back only by the
 * evaluate-only query `getOwnerDetails`. Its schema is the domain's `OwnerDetailsInput`.
 *
 * @example
 * ```ts
 * const owner = readTransient(ctx, OWNER_TRANSIENT_KEY, OwnerDetailsInput);
 * await putPrivateJson(ctx, Collection.PropertyOwners, ownerKey(ctx, ownerId), { ownerId, ...owner, updatedAt });
 * ```
 */
import type { Context } from 'fabric-contract-api';
import { keyFor } from '@city-ledger/chaincode-common';

/** Transient map key carrying the owner's personal data. */
export const OWNER_TRANSIENT_KEY = 'owner';
/** Transient map key carrying a batch's owners (registerParcels), one per parcel, in order. */
export const OWNERS_TRANSIENT_KEY = 'owners';

/** Private-data key of owner `ownerId` in `registryPropertyOwners`. */
export function ownerKey(ctx: Context, ownerId: string): string {
  return keyFor(ctx, 'owner', ownerId);
}
