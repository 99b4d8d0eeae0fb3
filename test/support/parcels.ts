/**
 * The parcel writes several integration tests start from, as the Registry's clients make them:
 * the owner's name and address go as transient data (the `owner` private data), never as
 * arguments.
 *
 * @example
 * await registerParcel(clerk, { id, ownerId: 'OWN-a', location, areaM2: 300, landUse: 'RESIDENTIAL' }, { name: 'Grace Hopper', address: '2 Harbour Rd' });
 * await transferParcel(registrar, id, 'OWN-b', { name: 'Alan Turing', address: '3 Bletchley Ln' });
 */
import { type ClientSession, transient } from './gateway';

/** The owner's personal data, kept in the Registry's private collection. */
export interface OwnerDetails {
  readonly name: string;
  readonly address: string;
}

export function registerParcel(clerk: ClientSession, parcel: { readonly id: string }, owner: OwnerDetails): Promise<unknown> {
  return clerk.contract('records', 'property').submit('registerParcel', {
    arguments: [JSON.stringify(parcel)],
    transientData: { owner: transient(owner) },
  });
}

export function transferParcel(registrar: ClientSession, parcelId: string, newOwnerId: string, owner: OwnerDetails): Promise<unknown> {
  return registrar.contract('records', 'property').submit('transferParcel', {
    arguments: [parcelId, newOwnerId],
    transientData: { owner: transient(owner) },
  });
}
