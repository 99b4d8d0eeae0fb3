/**
 * Property request and answer schemas (records chaincode, `property` contract). Every record
 * and field is the domain's (@city-ledger/domain, records/property); a request body only
 * composes them, e.g. the parcel input plus the owner's personal data, which the gateway sends
 * as transient data `owner`.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Batch, EncumbranceInput, HistoryEntry, Id, OwnerDetails, OwnerDetailsInput, Page, Parcel, ParcelRegistration } from '@city-ledger/domain';

export { Encumbrance, EncumbranceKind, LandUse, Parcel } from '@city-ledger/domain';

export const ParcelHistory = Type.Array(HistoryEntry(Parcel));
export const ParcelPage = Page(Parcel);

/** POST /v1/parcels */
export const RegisterParcelBody = ParcelRegistration;
export type RegisterParcelBody = Static<typeof RegisterParcelBody>;

/** POST /v1/parcels/batch: registrations as POST /v1/parcels takes them, one transaction for all. */
export const RegisterParcelsBody = Batch(ParcelRegistration);
export type RegisterParcelsBody = Static<typeof RegisterParcelsBody>;

/** POST /v1/parcels/:id/transfer */
export const TransferParcelBody = Type.Object({ newOwnerId: Id, owner: OwnerDetailsInput }, { additionalProperties: false });
export type TransferParcelBody = Static<typeof TransferParcelBody>;

/** POST /v1/parcels/:id/encumbrances */
export const AddEncumbranceBody = EncumbranceInput;

/** An owner's stored personal data, as `getOwnerDetails` answers it (Registry only). */
export const StoredOwnerDetails = OwnerDetails;
