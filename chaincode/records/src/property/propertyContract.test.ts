// Fixtures first: they load chaincode-common/testing, which quiets fabric-contract-api.
import { auditor, clerk, healthOfficer, pwOfficer, registrar, expectRejected as expectRejectedOn, newLedger } from '../testing/fixtures';
import { Msp, FakeLedger } from '@city-ledger/chaincode-common/testing';
import { Role } from '@city-ledger/chaincode-common';
import { Collection } from '../collections';
import type { OwnerDetails } from './ownerDetails';
import type { Parcel } from './parcel';
import { MAX_BATCH_RECORDS, type HistoryEntry, type Page } from '@city-ledger/domain';
import { PropertyContract } from './propertyContract';

const contract = new PropertyContract();
const OWNER = { name: 'Ada Lovelace', address: '1 Analytical Way' };
const NEW_OWNER = { name: 'Charles Babbage', address: '2 Difference St', email: 'cb@example.org' };

function parcelJson(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({ id: 'P-1', ownerId: 'C-1', location: 'Lot 4, Block 7', areaM2: 500, landUse: 'RESIDENTIAL', ...overrides });
}

let ledger: FakeLedger;

beforeEach(() => (ledger = newLedger()));

async function register(id = 'P-1', ownerId = 'C-1'): Promise<Parcel> {
  const { result } = await ledger.invoke<Parcel>(contract, 'registerParcel', clerk, [parcelJson({ id, ownerId })], { owner: OWNER });
  return result;
}

const expectRejected = (call: () => Promise<unknown>, code: string) => expectRejectedOn(ledger, call, code);

describe('registerParcel', () => {
  it.each([clerk, registrar])('registers a parcel, its owner index entry and private owner data (%o)', async (caller) => {
    const { result, event } = await ledger.invoke<Parcel>(contract, 'registerParcel', caller, [parcelJson()], { owner: OWNER });
    expect(result).toEqual({
      id: 'P-1',
      ownerId: 'C-1',
      location: 'Lot 4, Block 7',
      areaM2: 500,
      landUse: 'RESIDENTIAL',
      encumbrances: [],
      registeredAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    });
    expect(ledger.keys('\u0000parcel~owner\u0000')).toEqual(['\u0000parcel~owner\u0000C-1\u0000P-1\u0000']);
    expect(ledger.getPrivateJson(Collection.PropertyOwners, '\u0000owner\u0000C-1\u0000')).toEqual({
      ownerId: 'C-1',
      ...OWNER,
      updatedAt: '2025-01-01T00:00:00.000Z',
    });
    expect(event).toMatchObject({ name: 'parcel.registered', payload: { parcelId: 'P-1', ownerId: 'C-1' } });
    expect(JSON.stringify(event)).not.toContain('Ada');
    expect(JSON.stringify(result)).not.toContain('Ada');
  });

  it('refuses a second parcel with the same ID (CONFLICT)', async () => {
    await register();
    await expectRejected(() => ledger.invoke(contract, 'registerParcel', clerk, [parcelJson()], { owner: OWNER }), 'CONFLICT');
  });

  it.each([
    ['Public Works', pwOfficer],
    ['Health', healthOfficer],
    ['a Registry inspector', { msp: Msp.Registry, role: Role.Inspector }],
    ['a Registry user without role', { msp: Msp.Registry }],
    ['the Auditor', auditor],
  ])('refuses %s (FORBIDDEN)', async (_who, caller) => {
    await expectRejected(() => ledger.invoke(contract, 'registerParcel', caller, [parcelJson()], { owner: OWNER }), 'FORBIDDEN');
  });

  it.each([
    ['malformed JSON', '{', { owner: OWNER }],
    ['a JSON array', '[]', { owner: OWNER }],
    ['a missing owner ID', parcelJson({ ownerId: undefined }), { owner: OWNER }],
    ['a bad parcel ID', parcelJson({ id: 'bad id' }), { owner: OWNER }],
    ['an unknown field', parcelJson({ color: 'red' }), { owner: OWNER }],
    ['an unknown land use', parcelJson({ landUse: 'SWAMP' }), { owner: OWNER }],
    ['a zero area', parcelJson({ areaM2: 0 }), { owner: OWNER }],
    ['an empty location', parcelJson({ location: '' }), { owner: OWNER }],
    ['no owner data', parcelJson(), {}],
    ['owner data without a name', parcelJson(), { owner: { address: 'x' } }],
    ['owner data that is not JSON', parcelJson(), { owner: 'not json' }],
  ])('rejects %s (INVALID_ARGUMENT)', async (_what, arg, transient) => {
    await expectRejected(() => ledger.invoke(contract, 'registerParcel', clerk, [arg], transient), 'INVALID_ARGUMENT');
  });
});

describe('registerParcels (a batch)', () => {
  const batch = (ids: readonly string[], overrides: Record<number, Record<string, unknown>> = {}): string =>
    JSON.stringify(ids.map((id, i) => ({ id, ownerId: `C-${i}`, location: `Lot ${i}`, areaM2: 100 + i, landUse: 'RESIDENTIAL', ...overrides[i] })));
  const owners = (n: number): { owners: unknown[] } => ({ owners: Array.from({ length: n }, (_, i) => ({ name: `Owner ${i}`, address: `${i} Main St` })) });

  it('writes each parcel, index entry and private owner exactly as registerParcel does, under one event', async () => {
    const { result, event } = await ledger.invoke<number>(contract, 'registerParcels', clerk, [batch(['P-1', 'P-2', 'P-3'])], owners(3));
    expect(result).toBe(3);
    const single = newLedger();
    await single.invoke(contract, 'registerParcel', clerk, [parcelJson({ id: 'P-2', ownerId: 'C-1', location: 'Lot 1', areaM2: 101 })], { owner: { name: 'Owner 1', address: '1 Main St' } });
    expect((await ledger.evaluate(contract, 'getParcel', clerk, ['P-2'])).result).toEqual((await single.evaluate(contract, 'getParcel', clerk, ['P-2'])).result);
    expect(ledger.keys('\u0000parcel~owner\u0000')).toHaveLength(3);
    expect(ledger.getPrivateJson(Collection.PropertyOwners, '\u0000owner\u0000C-2\u0000')).toEqual({
      ownerId: 'C-2',
      name: 'Owner 2',
      address: '2 Main St',
      updatedAt: '2025-01-01T00:00:00.000Z',
    });
    expect(event).toMatchObject({
      name: 'parcels.registered',
      payload: {
        parcels: [
          { parcelId: 'P-1', ownerId: 'C-0' },
          { parcelId: 'P-2', ownerId: 'C-1' },
          { parcelId: 'P-3', ownerId: 'C-2' },
        ],
        txTime: '2025-01-01T00:00:00.000Z',
      },
    });
    expect(JSON.stringify(event)).not.toContain('Owner');
    expect(ledger.keys('\u0000parcel\u0000').join()).not.toContain('Owner');
  });

  it('refuses the whole batch at a parcel that exists, naming its index (CONFLICT)', async () => {
    await register('P-2');
    await expect(ledger.invoke(contract, 'registerParcels', clerk, [batch(['P-1', 'P-2', 'P-3'])], owners(3))).rejects.toThrow(
      /^CONFLICT: records\[1\]: parcel P-2 already exists/,
    );
    await expectRejected(() => ledger.invoke(contract, 'registerParcels', clerk, [batch(['P-1', 'P-2'])], owners(2)), 'CONFLICT');
    expect(ledger.keys('\u0000parcel\u0000')).toHaveLength(1);
  });

  it('refuses a parcel repeated within the batch, naming the second (CONFLICT)', async () => {
    await expect(ledger.invoke(contract, 'registerParcels', clerk, [batch(['P-1', 'P-2', 'P-1'])], owners(3))).rejects.toThrow(
      /^CONFLICT: records\[2\]: parcel P-1 is also records\[0\]/,
    );
    await expectRejected(() => ledger.invoke(contract, 'registerParcels', clerk, [batch(['P-1', 'P-1'])], owners(2)), 'CONFLICT');
  });

  it('names the invalid record (INVALID_ARGUMENT) and writes nothing', async () => {
    await expect(ledger.invoke(contract, 'registerParcels', clerk, [batch(['P-1', 'P-2'], { 1: { areaM2: 0 } })], owners(2))).rejects.toThrow(
      /^INVALID_ARGUMENT: records\[1\]\.areaM2 /,
    );
    const badOwner = { owners: [{ name: 'A', address: 'x' }, { address: 'y' }] };
    await expect(ledger.invoke(contract, 'registerParcels', clerk, [batch(['P-1', 'P-2'])], badOwner)).rejects.toThrow(/^INVALID_ARGUMENT: records\[1\]\.name /);
  });

  it.each([
    ['an empty batch', '[]', owners(0)],
    ['a batch over the bound', batch(Array.from({ length: MAX_BATCH_RECORDS + 1 }, (_, i) => `P-${i}`)), owners(MAX_BATCH_RECORDS + 1)],
    ['a parcel object instead of an array', parcelJson(), owners(1)],
    ['malformed JSON', '[', owners(1)],
    ['no owners', batch(['P-1']), {}],
    ['fewer owners than parcels', batch(['P-1', 'P-2']), owners(1)],
    ['owners that are not an array', batch(['P-1']), { owners: OWNER }],
  ])('rejects %s (INVALID_ARGUMENT)', async (_what, arg, transient) => {
    await expectRejected(() => ledger.invoke(contract, 'registerParcels', clerk, [arg], transient), 'INVALID_ARGUMENT');
  });

  it.each([
    ['Public Works', pwOfficer],
    ['the Auditor', auditor],
  ])('refuses %s (FORBIDDEN)', async (_who, caller) => {
    await expectRejected(() => ledger.invoke(contract, 'registerParcels', caller, [batch(['P-1'])], owners(1)), 'FORBIDDEN');
  });
});

describe('transferParcel', () => {
  it('moves the title, the owner index entry and stores the new owner data', async () => {
    await register();
    const { result, event } = await ledger.invoke<Parcel>(contract, 'transferParcel', registrar, ['P-1', 'C-2'], { owner: NEW_OWNER });
    expect(result).toMatchObject({ id: 'P-1', ownerId: 'C-2', updatedAt: '2025-01-01T00:00:01.000Z' });
    expect(ledger.keys('\u0000parcel~owner\u0000')).toEqual(['\u0000parcel~owner\u0000C-2\u0000P-1\u0000']);
    expect(ledger.getPrivateJson<OwnerDetails>(Collection.PropertyOwners, '\u0000owner\u0000C-2\u0000')).toMatchObject(NEW_OWNER);
    expect(event).toMatchObject({ name: 'parcel.transferred', payload: { parcelId: 'P-1', fromOwnerId: 'C-1', toOwnerId: 'C-2' } });
    expect(JSON.stringify(event)).not.toContain('Babbage');
  });

  it('keeps active encumbrances with the land', async () => {
    await register();
    await ledger.invoke(contract, 'addEncumbrance', clerk, ['P-1', '{"id":"M-1","kind":"MORTGAGE","holderId":"BANK-1","amount":1000}']);
    const { result } = await ledger.invoke<Parcel>(contract, 'transferParcel', registrar, ['P-1', 'C-2'], { owner: NEW_OWNER });
    expect(result.encumbrances).toEqual([expect.objectContaining({ id: 'M-1', status: 'ACTIVE' })]);
  });

  it('refuses a transfer to the current owner (FAILED_PRECONDITION)', async () => {
    await register();
    await expectRejected(
      () => ledger.invoke(contract, 'transferParcel', registrar, ['P-1', 'C-1'], { owner: OWNER }),
      'FAILED_PRECONDITION',
    );
  });

  it('answers NOT_FOUND for an unknown parcel', async () => {
    await expectRejected(() => ledger.invoke(contract, 'transferParcel', registrar, ['P-9', 'C-2'], { owner: NEW_OWNER }), 'NOT_FOUND');
  });

  it.each([
    ['a clerk (title transfers need a registrar)', clerk],
    ['Public Works', pwOfficer],
    ['the Auditor', auditor],
  ])('refuses %s (FORBIDDEN)', async (_who, caller) => {
    await register();
    await expectRejected(() => ledger.invoke(contract, 'transferParcel', caller, ['P-1', 'C-2'], { owner: NEW_OWNER }), 'FORBIDDEN');
  });

  it.each([
    ['a bad parcel ID', ['', 'C-2'], { owner: NEW_OWNER }],
    ['a bad owner ID', ['P-1', 'C 2'], { owner: NEW_OWNER }],
    ['no new owner data', ['P-1', 'C-2'], {}],
    ['bad owner data', ['P-1', 'C-2'], { owner: { name: 'x', address: 'y', phone: 7 } }],
  ])('rejects %s (INVALID_ARGUMENT)', async (_what, args, transient) => {
    await register();
    await expectRejected(() => ledger.invoke(contract, 'transferParcel', registrar, args, transient), 'INVALID_ARGUMENT');
  });
});

describe('encumbrances', () => {
  const mortgage = '{"id":"M-1","kind":"MORTGAGE","holderId":"BANK-1","amount":250000}';

  it.each([clerk, registrar])('adds and releases an encumbrance (%o)', async (caller) => {
    await register();
    const added = await ledger.invoke<Parcel>(contract, 'addEncumbrance', caller, ['P-1', mortgage]);
    expect(added.result.encumbrances).toEqual([
      { id: 'M-1', kind: 'MORTGAGE', holderId: 'BANK-1', amount: 250000, status: 'ACTIVE', recordedAt: '2025-01-01T00:00:01.000Z' },
    ]);
    expect(added.event).toMatchObject({ name: 'parcel.encumbranceAdded', payload: { parcelId: 'P-1', encumbranceId: 'M-1', kind: 'MORTGAGE' } });

    const easement = await ledger.invoke<Parcel>(contract, 'addEncumbrance', caller, ['P-1', '{"id":"E-1","kind":"EASEMENT","holderId":"CITY"}']);
    expect(easement.result.encumbrances[1]).not.toHaveProperty('amount');

    const released = await ledger.invoke<Parcel>(contract, 'releaseEncumbrance', caller, ['P-1', 'M-1']);
    expect(released.result.encumbrances).toEqual([
      expect.objectContaining({ id: 'M-1', status: 'RELEASED', releasedAt: '2025-01-01T00:00:03.000Z' }),
      expect.objectContaining({ id: 'E-1', status: 'ACTIVE' }),
    ]);
    expect(released.event).toMatchObject({ name: 'parcel.encumbranceReleased', payload: { parcelId: 'P-1', encumbranceId: 'M-1' } });
  });

  it('refuses a duplicate encumbrance ID (CONFLICT)', async () => {
    await register();
    await ledger.invoke(contract, 'addEncumbrance', clerk, ['P-1', mortgage]);
    await expectRejected(() => ledger.invoke(contract, 'addEncumbrance', clerk, ['P-1', mortgage]), 'CONFLICT');
  });

  it('refuses releasing twice (FAILED_PRECONDITION) and unknown encumbrances (NOT_FOUND)', async () => {
    await register();
    await ledger.invoke(contract, 'addEncumbrance', clerk, ['P-1', mortgage]);
    await ledger.invoke(contract, 'releaseEncumbrance', clerk, ['P-1', 'M-1']);
    await expectRejected(() => ledger.invoke(contract, 'releaseEncumbrance', clerk, ['P-1', 'M-1']), 'FAILED_PRECONDITION');
    await expectRejected(() => ledger.invoke(contract, 'releaseEncumbrance', clerk, ['P-1', 'M-2']), 'NOT_FOUND');
    await expectRejected(() => ledger.invoke(contract, 'releaseEncumbrance', clerk, ['P-9', 'M-1']), 'NOT_FOUND');
    await expectRejected(() => ledger.invoke(contract, 'addEncumbrance', clerk, ['P-9', mortgage]), 'NOT_FOUND');
  });

  it.each([
    ['addEncumbrance', ['P-1', mortgage]],
    ['releaseEncumbrance', ['P-1', 'M-1']],
  ])('%s refuses other orgs and roles (FORBIDDEN)', async (fn, args) => {
    await register();
    for (const caller of [pwOfficer, healthOfficer, auditor, { msp: Msp.Registry, role: Role.Officer }]) {
      await expectRejected(() => ledger.invoke(contract, fn, caller, args), 'FORBIDDEN');
    }
  });

  it.each([
    ['addEncumbrance', ['P 1', mortgage]],
    ['addEncumbrance', ['P-1', '{"id":"M-1","kind":"LOAN","holderId":"B"}']],
    ['addEncumbrance', ['P-1', '{"id":"M-1","kind":"MORTGAGE","holderId":"B","amount":-1}']],
    ['addEncumbrance', ['P-1', '{"id":"M-1","kind":"MORTGAGE"}']],
    ['addEncumbrance', ['P-1', 'null']],
    ['releaseEncumbrance', ['P-1', '']],
    ['releaseEncumbrance', ['', 'M-1']],
  ])('%s rejects bad input %j (INVALID_ARGUMENT)', async (fn, args) => {
    await register();
    await expectRejected(() => ledger.invoke(contract, fn, clerk, args), 'INVALID_ARGUMENT');
  });
});

describe('queries', () => {
  it('getParcel answers everyone, the Auditor included', async () => {
    const parcel = await register();
    for (const caller of [clerk, auditor, pwOfficer, healthOfficer]) {
      expect((await ledger.evaluate<Parcel>(contract, 'getParcel', caller, ['P-1'])).result).toEqual(parcel);
    }
    await expect(ledger.evaluate(contract, 'getParcel', auditor, ['P-9'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ledger.evaluate(contract, 'getParcel', auditor, ['*'])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('getParcelHistory lists every version, newest first', async () => {
    await register();
    await ledger.invoke(contract, 'addEncumbrance', clerk, ['P-1', '{"id":"L-1","kind":"TAX_LIEN","holderId":"CITY","amount":10}']);
    await ledger.invoke(contract, 'transferParcel', registrar, ['P-1', 'C-2'], { owner: NEW_OWNER });
    const { result } = await ledger.evaluate<HistoryEntry<Parcel>[]>(contract, 'getParcelHistory', auditor, ['P-1']);
    expect(result.map((e) => [e.isDelete, e.value?.ownerId, e.value?.encumbrances.length])).toEqual([
      [false, 'C-2', 1],
      [false, 'C-1', 1],
      [false, 'C-1', 0],
    ]);
    expect(result[0]?.timestamp).toBe('2025-01-01T00:00:02.000Z');
    await expect(ledger.evaluate(contract, 'getParcelHistory', auditor, ['P-9'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ledger.evaluate(contract, 'getParcelHistory', auditor, [''])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('listParcelsByOwner pages through the owner index and follows transfers', async () => {
    await register('P-1', 'C-1');
    await register('P-2', 'C-1');
    await register('P-3', 'C-2');
    const first = await ledger.evaluate<Page<Parcel>>(contract, 'listParcelsByOwner', auditor, ['C-1', '1', '']);
    expect(first.result.items.map((p) => p.id)).toEqual(['P-1']);
    expect(first.result.bookmark).not.toBe('');
    const second = await ledger.evaluate<Page<Parcel>>(contract, 'listParcelsByOwner', auditor, ['C-1', '1', first.result.bookmark]);
    expect(second.result.items.map((p) => p.id)).toEqual(['P-2']);

    await ledger.invoke(contract, 'transferParcel', registrar, ['P-1', 'C-2'], { owner: NEW_OWNER });
    const c1 = await ledger.evaluate<Page<Parcel>>(contract, 'listParcelsByOwner', clerk, ['C-1', '10', '']);
    const c2 = await ledger.evaluate<Page<Parcel>>(contract, 'listParcelsByOwner', clerk, ['C-2', '10', '']);
    expect(c1.result).toEqual({ items: [expect.objectContaining({ id: 'P-2' })], bookmark: '' });
    expect(c2.result.items.map((p) => p.id)).toEqual(['P-1', 'P-3']);
  });

  it.each([
    [['C 1', '10', '']],
    [['C-1', '0', '']],
    [['C-1', '101', '']],
    [['C-1', 'ten', '']],
    [['C-1', '10', 'bm9wZQ']],
  ])('listParcelsByOwner rejects %j (INVALID_ARGUMENT)', async (args) => {
    await register();
    await expect(ledger.evaluate(contract, 'listParcelsByOwner', clerk, args)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('getOwnerDetails answers Registry staff only', async () => {
    await register();
    for (const caller of [clerk, registrar, { msp: Msp.Registry }]) {
      const { result } = await ledger.evaluate<OwnerDetails>(contract, 'getOwnerDetails', caller, ['C-1']);
      expect(result).toMatchObject({ ownerId: 'C-1', ...OWNER });
    }
    for (const caller of [auditor, pwOfficer, healthOfficer]) {
      await expect(ledger.evaluate(contract, 'getOwnerDetails', caller, ['C-1'])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(ledger.evaluate(contract, 'getOwnerDetails', clerk, ['C-9'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ledger.evaluate(contract, 'getOwnerDetails', clerk, ['C 9'])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
