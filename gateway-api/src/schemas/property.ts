/**
 * Property schemas (records chaincode, `property` contract; see chaincode/records/README.md).
 * Owner personal data is a separate object that the gateway sends as transient data `owner`.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Enum, HistoryEntry, Id, Page, Text, Timestamp } from './common';

export const LandUse = Enum(['RESIDENTIAL', 'COMMERCIAL', 'INDUSTRIAL', 'AGRICULTURAL', 'MIXED', 'PUBLIC']);
export const EncumbranceKind = Enum(['MORTGAGE', 'TAX_LIEN', 'JUDGMENT_LIEN', 'MECHANICS_LIEN', 'EASEMENT', 'COVENANT']);

/** An owner's personal data: private, stored only in the Registry's collection. */
export const OwnerDetails = Type.Object(
  {
    name: Text(200),
    address: Text(500, 'Postal address of the owner'),
    email: Type.Optional(Text(254)),
    phone: Type.Optional(Text(40)),
  },
  { additionalProperties: false, description: 'Private: sent as transient data, never written to the public ledger' },
);

export const Encumbrance = Type.Object({
  id: Id,
  kind: EncumbranceKind,
  holderId: Id,
  amount: Type.Optional(Type.Number()),
  status: Type.Union([Type.Literal('ACTIVE'), Type.Literal('RELEASED')]),
  recordedAt: Timestamp,
  releasedAt: Type.Optional(Timestamp),
});

/** A parcel's public state. */
export const Parcel = Type.Object({
  id: Id,
  ownerId: Id,
  location: Type.String(),
  areaM2: Type.Number(),
  landUse: LandUse,
  encumbrances: Type.Array(Encumbrance),
  registeredAt: Timestamp,
  updatedAt: Timestamp,
});

export const ParcelHistory = Type.Array(HistoryEntry(Parcel));

/** POST /v1/parcels */
export const RegisterParcelBody = Type.Object(
  {
    id: Id,
    ownerId: Id,
    location: Text(300, 'Cadastral reference or street address of the land'),
    areaM2: Type.Number({ minimum: 1, maximum: 1e9 }),
    landUse: LandUse,
    owner: OwnerDetails,
  },
  { additionalProperties: false },
);
export type RegisterParcelBody = Static<typeof RegisterParcelBody>;

/** POST /v1/parcels/:id/transfer */
export const TransferParcelBody = Type.Object({ newOwnerId: Id, owner: OwnerDetails }, { additionalProperties: false });
export type TransferParcelBody = Static<typeof TransferParcelBody>;

/** POST /v1/parcels/:id/encumbrances */
export const AddEncumbranceBody = Type.Object(
  { id: Id, kind: EncumbranceKind, holderId: Id, amount: Type.Optional(Type.Number({ minimum: 0, description: 'Secured amount, for liens and mortgages' })) },
  { additionalProperties: false },
);

export const ParcelPage = Page(Parcel);

/** An owner's stored personal data, as `getOwnerDetails` answers it (Registry only). */
export const StoredOwnerDetails = Type.Object({
  ownerId: Id,
  name: Type.String(),
  address: Type.String(),
  email: Type.Optional(Type.String()),
  phone: Type.Optional(Type.String()),
  updatedAt: Timestamp,
});
