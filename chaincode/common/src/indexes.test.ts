import { deleteIndex, listByIndex, MAX_PAGE_SIZE, putIndex, readIndex } from './indexes';
import { keyFor, writeJson } from './state';
import { FakeLedger, type FakeContext } from './testing';

const clerk = { msp: 'RegistryMSP', role: 'clerk' };
interface Parcel {
  id: string;
  owner: string;
}

async function seed(ledger: FakeLedger, parcels: Parcel[]): Promise<void> {
  await ledger.transact(clerk, async (ctx) => {
    for (const p of parcels) {
      await writeJson(ctx, keyFor(ctx, 'parcel', p.id), p);
      await putIndex(ctx, 'parcel~owner', [p.owner, p.id]);
    }
  });
}

const byOwner = (ctx: FakeContext, owner: string, pageSize: number | string, bookmark?: string) =>
  listByIndex<Parcel>(ctx, 'parcel~owner', [owner], {
    pageSize,
    bookmark,
    primaryKey: (id) => keyFor(ctx, 'parcel', id),
  });

describe('indexes', () => {
  let ledger: FakeLedger;
  const parcels = ['P-3', 'P-1', 'P-5', 'P-2', 'P-4'].map((id) => ({ id, owner: 'C-1' }));

  beforeEach(async () => {
    ledger = new FakeLedger();
    await seed(ledger, [...parcels, { id: 'P-9', owner: 'C-2' }]);
  });

  it('stores a single 0x00 byte under the index key', () => {
    expect([...(ledger.world.get('\u0000parcel~owner\u0000C-1\u0000P-1\u0000') ?? [])]).toEqual([0]);
  });

  it('pages deterministically in key order with opaque bookmarks', async () => {
    const seen: string[] = [];
    let bookmark = '';
    let pages = 0;
    do {
      const page = await ledger.transact(clerk, (ctx) => byOwner(ctx, 'C-1', '2', bookmark), { commit: false });
      seen.push(...page.items.map((p) => p.id));
      bookmark = page.bookmark;
      expect(bookmark).not.toContain('\u0000');
      pages += 1;
    } while (bookmark !== '');
    expect(seen).toEqual(['P-1', 'P-2', 'P-3', 'P-4', 'P-5']);
    expect(pages).toBe(3);
  });

  it('returns an empty last bookmark when everything fits', async () => {
    const page = await ledger.transact(clerk, (ctx) => byOwner(ctx, 'C-2', MAX_PAGE_SIZE));
    expect(page).toEqual({ items: [{ id: 'P-9', owner: 'C-2' }], bookmark: '' });
  });

  it('answers an empty page for an index value nothing is filed under', async () => {
    const page = await ledger.transact(clerk, (ctx) => byOwner(ctx, 'C-404', 10), { commit: false });
    expect(page).toEqual({ items: [], bookmark: '' });
  });

  it('validates pageSize and bookmark', async () => {
    await ledger.transact(clerk, async (ctx) => {
      await expect(byOwner(ctx, 'C-1', 0)).rejects.toThrow('INVALID_ARGUMENT: pageSize');
      await expect(byOwner(ctx, 'C-1', '101')).rejects.toThrow('INVALID_ARGUMENT: pageSize');
      await expect(byOwner(ctx, 'C-1', 'ten')).rejects.toThrow('INVALID_ARGUMENT: pageSize');
    });
    const { bookmark } = await ledger.transact(clerk, (ctx) => byOwner(ctx, 'C-1', 1));
    await ledger.transact(clerk, async (ctx) => {
      await expect(byOwner(ctx, 'C-2', 1, bookmark)).rejects.toThrow('INVALID_ARGUMENT: bookmark');
      await expect(byOwner(ctx, 'C-1', 1, '!!not base64')).rejects.toThrow('INVALID_ARGUMENT: bookmark');
      expect((await byOwner(ctx, 'C-1', 1, bookmark)).items).toEqual([{ id: 'P-2', owner: 'C-1' }]);
    });
  });

  it('skips entries whose object is gone', async () => {
    await ledger.transact(clerk, (ctx) => ctx.stub.deleteState(keyFor(ctx, 'parcel', 'P-2')));
    const page = await ledger.transact(clerk, (ctx) => byOwner(ctx, 'C-1', 10));
    expect(page.items.map((p) => p.id)).toEqual(['P-1', 'P-3', 'P-4', 'P-5']);
  });

  it('reads and deletes index entries inside submit transactions', async () => {
    await ledger.transact(clerk, async (ctx) => {
      expect(await readIndex(ctx, 'parcel~owner', ['C-2'])).toEqual([['C-2', 'P-9']]);
      expect(await readIndex(ctx, 'parcel~owner', [])).toHaveLength(6);
      await deleteIndex(ctx, 'parcel~owner', ['C-2', 'P-9']);
    });
    expect(await ledger.transact(clerk, (ctx) => readIndex(ctx, 'parcel~owner', ['C-2']))).toEqual([]);
  });
});
