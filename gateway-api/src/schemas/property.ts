/**
 * Property schemas (records chaincode, `property` contract; see chaincode/records/README.md).
 * Owner personal data is a separate object that the gateway sends as transient data `owner`.
 */
import { Type, type Static } from '@sinclair/typebox';
import { HistoryEntry, Id, Text, Timestamp } from './common';

export const LandUse = Type.Union(['RESIDENTIAL', 'COMMERCIAL', 'INDUSTRIAL', 'AGRICULTURAL', 'MIXED', 'PUBLIC'].map((v) => Type.Literal(v)));
export const EncumbranceKind = Type.Union(['MORTGAGE', 'TAX_LIEN', 'JUDGMENT_LIEN', 'MECHANICS_LIEN', 'EASEMENT', 'COVENANT'].map((v) => Type.Literal(v)));

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
