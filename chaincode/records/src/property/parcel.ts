/**
 * The public state of a land parcel: its title (the owner's pseudonymous ID) and its
 * encumbrances. Owner personal data is never here; it lives in the `registryPropertyOwners`
 * collection (see ownerDetails.ts).
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
import { Object as DataType, Property } from 'fabric-contract-api';
import {
  keyFor,
  optional,
  requireEnum,
  requireId,
  requireNumber,
  requireText,
  type Shape,
} from '@city-ledger/chaincode-common';

/** Land-use classes of a parcel. */
export type LandUse = 'RESIDENTIAL' | 'COMMERCIAL' | 'INDUSTRIAL' | 'AGRICULTURAL' | 'MIXED' | 'PUBLIC';
export const LAND_USES: readonly LandUse[] = ['RESIDENTIAL', 'COMMERCIAL', 'INDUSTRIAL', 'AGRICULTURAL', 'MIXED', 'PUBLIC'];

/** Kinds of encumbrance; the liens are the ones securing a debt. */
export type EncumbranceKind = 'MORTGAGE' | 'TAX_LIEN' | 'JUDGMENT_LIEN' | 'MECHANICS_LIEN' | 'EASEMENT' | 'COVENANT';
export const ENCUMBRANCE_KINDS: readonly EncumbranceKind[] = [
  'MORTGAGE',
  'TAX_LIEN',
  'JUDGMENT_LIEN',
  'MECHANICS_LIEN',
  'EASEMENT',
  'COVENANT',
];

/** An encumbrance is ACTIVE until released; released ones stay on the parcel as a record. */
export type EncumbranceStatus = 'ACTIVE' | 'RELEASED';

/** World-state object type of parcels. */
export const PARCEL_TYPE = 'parcel';
/** Index of parcels by owner: attributes `[ownerId, parcelId]`. */
export const PARCEL_OWNER_INDEX = 'parcel~owner';

/** A lien or other encumbrance registered against a parcel. */
@DataType()
export class Encumbrance {
  @Property('id', 'string')
  id!: string;

  @Property('kind', 'string')
  kind!: EncumbranceKind;

  /** Pseudonymous ID of the creditor or beneficiary (a bank, the city, a neighbour). */
  @Property('holderId', 'string')
  holderId!: string;

  /** Secured amount, for liens and mortgages. */
  @Property('amount', 'number')
  amount?: number;

  @Property('status', 'string')
  status!: EncumbranceStatus;

  @Property('recordedAt', 'string')
  recordedAt!: string;

  @Property('releasedAt', 'string')
  releasedAt?: string;
}

/** A land parcel and its title. */
@DataType()
export class Parcel {
  @Property('id', 'string')
  id!: string;

  /** Pseudonymous ID of the title holder. */
  @Property('ownerId', 'string')
  ownerId!: string;

  /** Public description of where the parcel is (cadastral reference or street address of the land). */
  @Property('location', 'string')
  location!: string;

  @Property('areaM2', 'number')
  areaM2!: number;

  @Property('landUse', 'string')
  landUse!: LandUse;

  @Property('encumbrances', 'Encumbrance[]')
  encumbrances!: Encumbrance[];

  @Property('registeredAt', 'string')
  registeredAt!: string;

  @Property('updatedAt', 'string')
  updatedAt!: string;
}

/** The `parcelJson` argument of registerParcel. */
export type ParcelInput = Pick<Parcel, 'id' | 'ownerId' | 'location' | 'areaM2' | 'landUse'>;

/** Validation of {@link ParcelInput}. */
export const PARCEL_INPUT: Shape<ParcelInput> = {
  id: requireId,
  ownerId: requireId,
  location: (v, f) => requireText(v, f, { max: 300 }),
  areaM2: (v, f) => requireNumber(v, f, { min: 1, max: 1e9 }),
  landUse: (v, f) => requireEnum(v, f, LAND_USES),
};

/** The `encumbranceJson` argument of addEncumbrance. */
export type EncumbranceInput = Pick<Encumbrance, 'id' | 'kind' | 'holderId' | 'amount'>;

/** Validation of {@link EncumbranceInput}. */
export const ENCUMBRANCE_INPUT: Shape<EncumbranceInput> = {
  id: requireId,
  kind: (v, f) => requireEnum(v, f, ENCUMBRANCE_KINDS),
  holderId: requireId,
  amount: optional((v, f) => requireNumber(v, f, { min: 0 })),
};

/** World-state key of parcel `id`. */
export function parcelKey(ctx: Context, id: string): string {
  return keyFor(ctx, PARCEL_TYPE, id);
}

