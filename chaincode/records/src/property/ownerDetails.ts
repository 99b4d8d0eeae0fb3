/**
 * An owner's personal data. It arrives in the transient field `owner` (never as an argument,
 * which would be recorded on the ledger), is stored in the Registry-only collection
 * `registryPropertyOwners` under the owner's pseudonymous ID, and is read back only by the
 * evaluate-only query `getOwnerDetails`.
 *
 * @example
 * ```ts
 * const owner = readTransientJson(ctx, OWNER_TRANSIENT_KEY, OWNER_DETAILS_INPUT);
 * await putPrivateJson(ctx, Collection.PropertyOwners, ownerKey(ctx, ownerId), { ownerId, ...owner, updatedAt });
 * ```
 */
import type { Context } from 'fabric-contract-api';
import { Object as DataType, Property } from 'fabric-contract-api';
import { keyFor, optional, requireText, type Shape } from '@city-ledger/chaincode-common';

/** Transient map key carrying the owner's personal data. */
export const OWNER_TRANSIENT_KEY = 'owner';

/** Private data of a title holder (Registry only). */
@DataType()
export class OwnerDetails {
  /** The pseudonymous ID the public parcel refers to. */
  @Property('ownerId', 'string')
  ownerId!: string;

  @Property('name', 'string')
  name!: string;

  /** Postal address of the owner (not of the parcel). */
  @Property('address', 'string')
  address!: string;

  @Property('email', 'string')
  email?: string;

  @Property('phone', 'string')
  phone?: string;

  /** Transaction time of the last change. */
  @Property('updatedAt', 'string')
  updatedAt!: string;
}

/** The transient `owner` input. */
export type OwnerDetailsInput = Pick<OwnerDetails, 'name' | 'address' | 'email' | 'phone'>;

/** Validation of {@link OwnerDetailsInput}. */
export const OWNER_DETAILS_INPUT: Shape<OwnerDetailsInput> = {
  name: (v, f) => requireText(v, f, { max: 200 }),
  address: (v, f) => requireText(v, f, { max: 500 }),
  email: optional((v, f) => requireText(v, f, { max: 254 })),
  phone: optional((v, f) => requireText(v, f, { max: 40 })),
};

/** Private-data key of owner `ownerId` in `registryPropertyOwners`. */
export function ownerKey(ctx: Context, ownerId: string): string {
  return keyFor(ctx, 'owner', ownerId);
}
