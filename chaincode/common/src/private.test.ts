import { sha256Hex, toBytes } from '@city-ledger/domain';
import { privateDataHash, putPrivateJson, readPrivateJson, readTransientJson, tryReadPrivateJson } from './private';
import { FakeLedger } from './testing';

const registry = { msp: 'RegistryMSP', role: 'registrar' };
const auditor = { msp: 'AuditorMSP', role: 'auditor' };

describe('readTransientJson', () => {
  const ledger = new FakeLedger();

  it('parses a transient JSON object', () => {
    const ctx = ledger.context(registry, { transient: { person: { name: 'Ada' }, raw: '{"x":1}' } });
    expect(readTransientJson(ctx, 'person')).toEqual({ name: 'Ada' });
    expect(readTransientJson(ctx, 'raw')).toEqual({ x: 1 });
  });

  it('names the transient key when missing or malformed', () => {
    const ctx = ledger.context(registry, { transient: { bad: '{', list: '[1]', empty: new Uint8Array() } });
    expect(() => readTransientJson(ctx, 'person')).toThrow('INVALID_ARGUMENT: transient field person is required');
    expect(() => readTransientJson(ctx, 'empty')).toThrow('INVALID_ARGUMENT: transient field empty is required');
    expect(() => readTransientJson(ctx, 'bad')).toThrow('INVALID_ARGUMENT: bad must be valid JSON');
    expect(() => readTransientJson(ctx, 'list')).toThrow('INVALID_ARGUMENT: list must be a JSON object');
  });
});

describe('private data', () => {
  it('stores, reads and hashes private JSON', async () => {
    const ledger = new FakeLedger();
    ledger.defineCollection('vitalPrivate', { members: ['RegistryMSP', 'HealthMSP'] });
    const doc = { name: 'Ada', born: '1815-12-10' };
    await ledger.transact(registry, (ctx) => putPrivateJson(ctx, 'vitalPrivate', 'B-1', doc));
    expect(ledger.getPrivateJson('vitalPrivate', 'B-1')).toEqual(doc);

    await ledger.transact(registry, async (ctx) => {
      expect(await readPrivateJson(ctx, 'vitalPrivate', 'B-1', 'birth record')).toEqual(doc);
      expect(await tryReadPrivateJson(ctx, 'vitalPrivate', 'B-2')).toBeUndefined();
      await expect(readPrivateJson(ctx, 'vitalPrivate', 'B-2', 'birth record')).rejects.toThrow(
        'NOT_FOUND: birth record B-2 does not exist',
      );
      expect(await privateDataHash(ctx, 'vitalPrivate', 'B-1')).toBe(sha256Hex(toBytes(doc)));
      expect(await privateDataHash(ctx, 'vitalPrivate', 'B-2')).toBeUndefined();
    });

    // A non-member sees the hash but not the data.
    await ledger.transact(auditor, async (ctx) => {
      expect(await privateDataHash(ctx, 'vitalPrivate', 'B-1')).toBe(sha256Hex(toBytes(doc)));
      await expect(readPrivateJson(ctx, 'vitalPrivate', 'B-1', 'birth record')).rejects.toThrow(/read access/);
    });
  });
});
