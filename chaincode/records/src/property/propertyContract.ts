/**
 * Property contract (`property`): land parcels, titles, transfers and encumbrances.
 *
 * Who may call what (the Auditor never writes; every read below is open to all channel orgs
 * unless noted):
 * - registerParcel, registerParcels (a batch, for loading existing registers): Registry clerk or registrar.
 * - transferParcel: Registry registrar only (a title transfer is a legal act).
 * - addEncumbrance / releaseEncumbrance: Registry clerk or registrar.
 * - getParcel, getParcelHistory, listParcelsByOwner: everyone.
 * - getOwnerDetails: Registry only (members of `registryPropertyOwners`).
 *
 * @example
 * ```ts
 * // transient { owner: { name, address } }
 * await contract.registerParcel(ctx, '{"id":"P-1","ownerId":"C-1","location":"Lot 4","areaM2":500,"landUse":"RESIDENTIAL"}');
 * ```
 */
import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import {
  Batch,
  BATCH_FIELD,
  EncumbranceInput,
  HistoryEntry,
  OwnerDetails,
  OwnerDetailsInput,
  Page,
  Parcel,
  ParcelInput,
  parseJson,
  type Encumbrance,
} from '@city-ledger/domain';
import {
  CityContract,
  declareComponents,
  emitEvent,
  failedPrecondition,
  forEachRecord,
  readTransientBatch,
  pairWithPrivate,
  requireDistinct,
  getHistory,
  listByIndex,
  Remit,
  requireGrant,
  type Grants,
  notFound,
  putIndex,
  deleteIndex,
  putPrivateJson,
  readJson,
  readPrivateJson,
  readTransient,
  requireAbsent,
  requireId,
  Role,
  conflict,
  txTimestamp,
  writeJson,
} from '@city-ledger/chaincode-common';
import { requireCollectionReader } from '../access';
import { Collection } from '../collections';
import { OWNER_TRANSIENT_KEY, OWNERS_TRANSIENT_KEY, ownerKey } from './ownerDetails';
import { PARCEL_OWNER_INDEX, parcelKey } from './parcel';

// What GetMetadata describes for @Returns: the domain's schemas, by name.
declareComponents({
  Parcel,
  ParcelPage: Page(Parcel),
  ParcelHistoryEntry: HistoryEntry(Parcel),
  OwnerDetails,
});

/** Who may register parcels and record or release encumbrances. */
export const PROPERTY_CLERKS: Grants = { [Remit.Property]: [Role.Clerk, Role.Registrar] };
/** Who may transfer a title. */
export const TITLE_REGISTRARS: Grants = { [Remit.Property]: [Role.Registrar] };

/**
 * The transaction context of this contract. Declared in this module so that the parameter
 * metadata TypeScript emits for the decorated transactions names the class directly.
 */
class PropertyContext extends Context {}

@Info({ title: 'Property', description: 'Land parcels, titles, transfers, liens and other encumbrances' })
export class PropertyContract extends CityContract {
  constructor() {
    super('property', [Collection.PropertyOwners]);
  }

  /** A PropertyContext for every transaction (the runtime and @Transaction use it to spot the ctx parameter). */
  override createContext(): PropertyContext {
    return new PropertyContext();
  }

  /**
   * Registers a parcel and its first title holder. `parcelJson`: `{ id, ownerId, location,
   * areaM2, landUse }`; transient `owner`: `{ name, address, email?, phone? }`.
   * Event `parcel.registered`. CONFLICT when the parcel exists.
   */
  @Transaction()
  @Returns('Parcel')
  async registerParcel(ctx: PropertyContext, parcelJson: string) {
    requireGrant(ctx, PROPERTY_CLERKS);
    const input = parseJson(ParcelInput, parcelJson, 'parcel');
    const owner = readTransient(ctx, OWNER_TRANSIENT_KEY, OwnerDetailsInput);
    const now = txTimestamp(ctx);
    const parcel = await registerOne(ctx, input, owner, now);
    emitEvent(ctx, 'parcel.registered', { parcelId: parcel.id, ownerId: parcel.ownerId, txTime: now });
    return parcel;
  }

  /**
   * Registers up to MAX_BATCH_RECORDS parcels in one transaction, each exactly as
   * registerParcel would: `parcelsJson` is an array of parcel inputs, transient `owners` the
   * array of their owners' personal data, in the same order. All or nothing: the first refused
   * record fails the whole batch, and the error names it (`CONFLICT: records[3]: parcel P-9
   * already exists`). Event `parcels.registered` lists every parcel (one event per
   * transaction). Returns the number of parcels registered.
   */
  @Transaction()
  @Returns('number')
  async registerParcels(ctx: PropertyContext, parcelsJson: string) {
    requireGrant(ctx, PROPERTY_CLERKS);
    const inputs = parseJson(Batch(ParcelInput), parcelsJson, BATCH_FIELD);
    const owners = readTransientBatch(ctx, OWNERS_TRANSIENT_KEY, OwnerDetailsInput);
    const registrations = pairWithPrivate(inputs, owners, OWNERS_TRANSIENT_KEY);
    requireDistinct(inputs.map((input) => input.id), 'parcel');
    const now = txTimestamp(ctx);
    const parcels = await forEachRecord(registrations, ([input, owner]) => registerOne(ctx, input, owner, now));
    emitEvent(ctx, 'parcels.registered', { parcels: parcels.map((p) => ({ parcelId: p.id, ownerId: p.ownerId })), txTime: now });
    return parcels.length;
  }

  /**
   * Transfers the title to `newOwnerId`; transient `owner` carries the new owner's personal data.
   * Active encumbrances run with the land and stay on the parcel. Event `parcel.transferred`.
   * FAILED_PRECONDITION when the new owner already holds the title.
   */
  @Transaction()
  @Returns('Parcel')
  async transferParcel(ctx: PropertyContext, parcelId: string, newOwnerId: string) {
    requireGrant(ctx, TITLE_REGISTRARS);
    const id = requireId(parcelId, 'parcelId');
    const to = requireId(newOwnerId, 'newOwnerId');
    const owner = readTransient(ctx, OWNER_TRANSIENT_KEY, OwnerDetailsInput);
    const key = parcelKey(ctx, id);
    const current = await readJson<Parcel>(ctx, key, 'parcel');
    if (current.ownerId === to) {
      throw failedPrecondition(`parcel ${id} is already owned by ${to}`);
    }
    const now = txTimestamp(ctx);
    const parcel: Parcel = { ...current, ownerId: to, updatedAt: now };
    await writeJson(ctx, key, parcel);
    await deleteIndex(ctx, PARCEL_OWNER_INDEX, [current.ownerId, id]);
    await putIndex(ctx, PARCEL_OWNER_INDEX, [to, id]);
    await storeOwner(ctx, to, owner, now);
    emitEvent(ctx, 'parcel.transferred', { parcelId: id, fromOwnerId: current.ownerId, toOwnerId: to, txTime: now });
    return parcel;
  }

  /**
   * Records a lien or other encumbrance. `encumbranceJson`: `{ id, kind, holderId, amount? }`.
   * Event `parcel.encumbranceAdded`. CONFLICT when the parcel already has an encumbrance `id`.
   */
  @Transaction()
  @Returns('Parcel')
  async addEncumbrance(ctx: PropertyContext, parcelId: string, encumbranceJson: string) {
    requireGrant(ctx, PROPERTY_CLERKS);
    const id = requireId(parcelId, 'parcelId');
    const input = parseJson(EncumbranceInput, encumbranceJson, 'encumbrance');
    const key = parcelKey(ctx, id);
    const current = await readJson<Parcel>(ctx, key, 'parcel');
    if (current.encumbrances.some((e) => e.id === input.id)) {
      throw conflict(`encumbrance ${input.id} already exists on parcel ${id}`);
    }
    const now = txTimestamp(ctx);
    const encumbrance: Encumbrance = { ...input, status: 'ACTIVE', recordedAt: now };
    const parcel: Parcel = { ...current, encumbrances: [...current.encumbrances, encumbrance], updatedAt: now };
    await writeJson(ctx, key, parcel);
    emitEvent(ctx, 'parcel.encumbranceAdded', { parcelId: id, encumbranceId: input.id, kind: input.kind, txTime: now });
    return parcel;
  }

  /**
   * Releases an active encumbrance (it stays on the parcel as RELEASED). Event
   * `parcel.encumbranceReleased`. NOT_FOUND for an unknown encumbrance, FAILED_PRECONDITION
   * when it is already released.
   */
  @Transaction()
  @Returns('Parcel')
  async releaseEncumbrance(ctx: PropertyContext, parcelId: string, encumbranceId: string) {
    requireGrant(ctx, PROPERTY_CLERKS);
    const id = requireId(parcelId, 'parcelId');
    const encId = requireId(encumbranceId, 'encumbranceId');
    const key = parcelKey(ctx, id);
    const current = await readJson<Parcel>(ctx, key, 'parcel');
    const existing = current.encumbrances.find((e) => e.id === encId);
    if (!existing) {
      throw notFound('encumbrance', `${id}:${encId}`);
    }
    if (existing.status !== 'ACTIVE') {
      throw failedPrecondition(`encumbrance ${encId} on parcel ${id} is already released`);
    }
    const now = txTimestamp(ctx);
    const encumbrances = current.encumbrances.map((e): Encumbrance =>
      e.id === encId ? { ...e, status: 'RELEASED', releasedAt: now } : e,
    );
    const parcel: Parcel = { ...current, encumbrances, updatedAt: now };
    await writeJson(ctx, key, parcel);
    emitEvent(ctx, 'parcel.encumbranceReleased', { parcelId: id, encumbranceId: encId, txTime: now });
    return parcel;
  }

  /** The public state of a parcel. NOT_FOUND when unknown. */
  @Transaction(false)
  @Returns('Parcel')
  async getParcel(ctx: PropertyContext, parcelId: string) {
    const id = requireId(parcelId, 'parcelId');
    return readJson<Parcel>(ctx, parcelKey(ctx, id), 'parcel');
  }

  /** Every committed version of a parcel, newest first. NOT_FOUND when unknown. */
  @Transaction(false)
  @Returns('ParcelHistoryEntry[]')
  async getParcelHistory(ctx: PropertyContext, parcelId: string) {
    const id = requireId(parcelId, 'parcelId');
    const key = parcelKey(ctx, id);
    await readJson<Parcel>(ctx, key, 'parcel');
    const history: HistoryEntry<Parcel>[] = await getHistory<Parcel>(ctx, key);
    return history;
  }

  /**
   * One page of the parcels held by `ownerId`, through the `parcel~owner` index.
   * `pageSize` 1..100; `bookmark` '' for the first page. Evaluate only (paginated query).
   */
  @Transaction(false)
  @Returns('ParcelPage')
  async listParcelsByOwner(ctx: PropertyContext, ownerId: string, pageSize: string, bookmark: string) {
    const owner = requireId(ownerId, 'ownerId');
    const page: Page<Parcel> = await listByIndex<Parcel>(ctx, PARCEL_OWNER_INDEX, [owner], {
      pageSize,
      bookmark,
      primaryKey: (id) => parcelKey(ctx, id),
    });
    return page;
  }

  /**
   * An owner's personal data, for Registry staff only (FORBIDDEN for other orgs).
   * Evaluate only: private data never leaves in a submitted transaction.
   */
  @Transaction(false)
  @Returns('OwnerDetails')
  async getOwnerDetails(ctx: PropertyContext, ownerId: string) {
    requireCollectionReader(ctx, Collection.PropertyOwners);
    const id = requireId(ownerId, 'ownerId');
    return readPrivateJson<OwnerDetails>(ctx, Collection.PropertyOwners, ownerKey(ctx, id), 'owner');
  }
}

/** What registering one parcel writes, for registerParcel and each record of registerParcels. */
async function registerOne(ctx: Context, input: ParcelInput, owner: OwnerDetailsInput, now: string): Promise<Parcel> {
  const key = parcelKey(ctx, input.id);
  await requireAbsent(ctx, key, 'parcel');
  const parcel: Parcel = { ...input, encumbrances: [], registeredAt: now, updatedAt: now };
  await writeJson(ctx, key, parcel);
  await putIndex(ctx, PARCEL_OWNER_INDEX, [parcel.ownerId, parcel.id]);
  await storeOwner(ctx, parcel.ownerId, owner, now);
  return parcel;
}

async function storeOwner(
  ctx: Context,
  ownerId: string,
  input: Omit<OwnerDetails, 'ownerId' | 'updatedAt'>,
  now: string,
): Promise<void> {
  const details: OwnerDetails = { ...input, ownerId, updatedAt: now };
  await putPrivateJson(ctx, Collection.PropertyOwners, ownerKey(ctx, ownerId), details);
}
