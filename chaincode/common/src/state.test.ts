import { ChaincodeError } from '@city-ledger/domain';
import { describeKey, exists, getHistory, keyFor, readJson, requireAbsent, tryReadJson, writeJson } from './state';
import { FakeLedger } from './testing';

const clerk = { msp: 'RegistryMSP', role: 'clerk' };

describe('state helpers', () => {
  let ledger: FakeLedger;
  beforeEach(() => {
    ledger = new FakeLedger({ start: '2025-01-01T00:00:00.000Z', stepMillis: 1500 });
  });

  it('builds composite keys and describes them for messages', () => {
    const ctx = ledger.context(clerk);
    const key = keyFor(ctx, 'parcel', 'P-1');
    expect(key).toBe('\u0000parcel\u0000P-1\u0000');
    expect(describeKey(ctx, keyFor(ctx, 'lien', 'P-1', 'L-2'))).toBe('P-1:L-2');
    expect(describeKey(ctx, 'plain')).toBe('plain');
  });

  it('writes canonical JSON that later transactions read', async () => {
    const key = await ledger.transact(clerk, async (ctx) => {
      const k = keyFor(ctx, 'parcel', 'P-1');
      await writeJson(ctx, k, { b: 2, a: 1 });
      // Fabric: a transaction does not read its own writes.
      expect(await exists(ctx, k)).toBe(false);
      return k;
    });
    expect(Buffer.from(ledger.world.get(key) as Uint8Array).toString()).toBe('{"a":1,"b":2}');
    await ledger.transact(clerk, async (ctx) => {
      expect(await exists(ctx, key)).toBe(true);
      expect(await readJson(ctx, key, 'parcel')).toEqual({ a: 1, b: 2 });
      expect(await tryReadJson(ctx, key)).toEqual({ a: 1, b: 2 });
    });
  });

  it('throws NOT_FOUND and CONFLICT with readable IDs', async () => {
    await ledger.transact(clerk, (ctx) => writeJson(ctx, keyFor(ctx, 'parcel', 'P-1'), { id: 'P-1' }));
    await ledger.transact(clerk, async (ctx) => {
      await expect(readJson(ctx, keyFor(ctx, 'parcel', 'P-2'), 'parcel')).rejects.toThrow(
        'NOT_FOUND: parcel P-2 does not exist',
      );
      expect(await tryReadJson(ctx, keyFor(ctx, 'parcel', 'P-2'))).toBeUndefined();
      await expect(requireAbsent(ctx, keyFor(ctx, 'parcel', 'P-1'), 'parcel')).rejects.toThrow(
        'CONFLICT: parcel P-1 already exists',
      );
      await expect(requireAbsent(ctx, keyFor(ctx, 'parcel', 'P-2'), 'parcel')).resolves.toBeUndefined();
      await expect(readJson(ctx, 'x', 'thing')).rejects.toBeInstanceOf(ChaincodeError);
    });
  });

  it('returns the full history, newest first, with ISO timestamps', async () => {
    const key = '\u0000parcel\u0000P-1\u0000';
    const txIds: string[] = [];
    txIds.push(await ledger.transact(clerk, async (ctx) => (await writeJson(ctx, key, { v: 1 }), ctx.stub.getTxID())));
    txIds.push(await ledger.transact(clerk, async (ctx) => (await writeJson(ctx, key, { v: 2 }), ctx.stub.getTxID())));
    txIds.push(await ledger.transact(clerk, async (ctx) => (await ctx.stub.deleteState(key), ctx.stub.getTxID())));
    const history = await ledger.transact(clerk, (ctx) => getHistory<{ v: number }>(ctx, key));
    expect(history).toEqual([
      { txId: txIds[2], timestamp: '2025-01-01T00:00:03.000Z', isDelete: true },
      { txId: txIds[1], timestamp: '2025-01-01T00:00:01.500Z', isDelete: false, value: { v: 2 } },
      { txId: txIds[0], timestamp: '2025-01-01T00:00:00.000Z', isDelete: false, value: { v: 1 } },
    ]);
    expect(await ledger.transact(clerk, (ctx) => getHistory(ctx, 'never'))).toEqual([]);
  });
});
