/**
 * Land parcels (records chaincode, `property` contract). The public parcel holds its title (the
 * owner's pseudonymous ID) and its encumbrances; the owner's personal data is private and
 * arrives as transient `owner` input.
 *
 * @example
 * ```ts
 * const input = parseJson(ParcelInput, parcelJson, 'parcel');   // INVALID_ARGUMENT: parcel.areaM2 must be at least 1
 * const parcel: Parcel = { ...input, encumbrances: [], registeredAt: now, updatedAt: now };
 * ```
 */
import { Type, type Static } from '@sinclair/typebox';
import { described, Enum, Id, Text, Timestamp } from '../schemas';

export const LAND_USES = ['RESIDENTIAL', 'COMMERCIAL', 'INDUSTRIAL', 'AGRICULTURAL', 'MIXED', 'PUBLIC'] as const;
/** Land-use classes of a parcel. */
export const LandUse = Enum(LAND_USES);
export type LandUse = Static<typeof LandUse>;

export const ENCUMBRANCE_KINDS = ['MORTGAGE', 'TAX_LIEN', 'JUDGMENT_LIEN', 'MECHANICS_LIEN', 'EASEMENT', 'COVENANT'] as const;
/** Kinds of encumbrance; the liens are the ones securing a debt. */
export const EncumbranceKind = Enum(ENCUMBRANCE_KINDS);
export type EncumbranceKind = Static<typeof EncumbranceKind>;

/** An encumbrance is ACTIVE until released; released ones stay on the parcel as a record. */
export const EncumbranceStatus = Enum(['ACTIVE', 'RELEASED']);
export type EncumbranceStatus = Static<typeof EncumbranceStatus>;

/** The `encumbranceJson` argument of addEncumbrance. */
export const EncumbranceInput = Type.Object(
  {
    id: Id,
    kind: EncumbranceKind,
    holderId: described(Id, 'Pseudonymous ID of the creditor or beneficiary (a bank, the city, a neighbour)'),
    amount: Type.Optional(Type.Number({ minimum: 0, description: 'Secured amount, for liens and mortgages' })),
  },
  { additionalProperties: false },
);
export type EncumbranceInput = Static<typeof EncumbranceInput>;

/** A lien or other encumbrance registered against a parcel. */
export const Encumbrance = Type.Object(
  { ...EncumbranceInput.properties, status: EncumbranceStatus, recordedAt: Timestamp, releasedAt: Type.Optional(Timestamp) },
  { additionalProperties: false },
);
export type Encumbrance = Static<typeof Encumbrance>;

/** The `parcelJson` argument of registerParcel. */
export const ParcelInput = Type.Object(
  {
    id: Id,
    ownerId: described(Id, 'Pseudonymous ID of the title holder'),
    location: Text(300, { description: 'Cadastral reference or street address of the land' }),
    areaM2: Type.Number({ minimum: 1, maximum: 1e9 }),
    landUse: LandUse,
  },
  { additionalProperties: false },
);
export type ParcelInput = Static<typeof ParcelInput>;

/** A land parcel's public state: its title and encumbrances. */
export const Parcel = Type.Object(
  { ...ParcelInput.properties, encumbrances: Type.Array(Encumbrance), registeredAt: Timestamp, updatedAt: Timestamp },
  { additionalProperties: false },
);
export type Parcel = Static<typeof Parcel>;

/** The transient `owner` input: an owner's personal data, stored only in the Registry's collection. */
export const OwnerDetailsInput = Type.Object(
  {
    name: Text(200),
    address: Text(500, { description: 'Postal address of the owner (not of the parcel)' }),
    email: Type.Optional(Text(254)),
    phone: Type.Optional(Text(40)),
  },
  { additionalProperties: false, description: 'Private: sent as transient data, never written to the public ledger' },
);
export type OwnerDetailsInput = Static<typeof OwnerDetailsInput>;

/** A parcel and its owner's personal data, as a clerk registers it (`POST /v1/parcels`; the owner goes to the peers as transient data). */
export const ParcelRegistration = Type.Object({ ...ParcelInput.properties, owner: OwnerDetailsInput }, { additionalProperties: false });
export type ParcelRegistration = Static<typeof ParcelRegistration>;

/** An owner's stored personal data, as `getOwnerDetails` answers it (Registry only). */
export const OwnerDetails = Type.Object(
  {
    ownerId: described(Id, 'The pseudonymous ID the public parcel refers to'),
    ...OwnerDetailsInput.properties,
    updatedAt: described(Timestamp, 'Transaction time of the last change'),
  },
  { additionalProperties: false },
);
export type OwnerDetails = Static<typeof OwnerDetails>;
