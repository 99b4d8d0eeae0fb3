/**
 * Where parcels live in world state. What a parcel is (its fields, limits and enums) is declared
 * once, in @city-ledger/domain (records/property). Owner personal data is never here; it lives
 * in the `registryPropertyOwners` collection (see ownerDetails.ts).
 *
 * Encumbrances (mortgages, liens, easements, covenants) are kept inside the parcel, so the
 * parcel key's history is the parcel's complete history: registration, every transfer and
 * every encumbrance added or released.
 *
 * @example
 * ```ts
 * const parcel = await readJson<Parcel>(ctx, parcelKey(ctx, 'P-1'), 'parcel');
 * await putIndex(ctx, PARCEL_OWNER_INDEX, [parcel.ownerId, parcel.id]);
 * ```
 */
import type { Context } from 'fabric-contract-api';
import { keyFor } from '@city-ledger/chaincode-common';

export type { Encumbrance, Parcel } from '@city-ledger/domain';

/** World-state object type of parcels. */
export const PARCEL_TYPE = 'parcel';
/** Index of parcels by owner: attributes `[ownerId, parcelId]`. */
export const PARCEL_OWNER_INDEX = 'parcel~owner';

/** World-state key of parcel `id`. */
export function parcelKey(ctx: Context, id: string): string {
  return keyFor(ctx, PARCEL_TYPE, id);
}
