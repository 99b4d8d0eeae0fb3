import { Context } from 'fabric-contract-api';
import { KeyValueContract } from './keyValueContract';

/** A stub with just the world state the contract uses. */
function context(): Context {
  const state = new Map<string, Uint8Array>();
  const stub = {
    getState: async (key: string) => state.get(key) ?? new Uint8Array(),
    putState: async (key: string, value: Uint8Array) => void state.set(key, value),
  };
  return { stub } as unknown as Context;
}

describe('the baseline key-value contract', () => {
  test('reads back what it created', async () => {
    const ctx = context();
    const contract = new KeyValueContract();
    await contract.create(ctx, 'A-1', '{"n":1}');
    expect(await contract.read(ctx, 'A-1')).toBe('{"n":1}');
  });

  test('refuses a second create of an ID and a read of an unknown one', async () => {
    const ctx = context();
    const contract = new KeyValueContract();
    await contract.create(ctx, 'A-1', '{"n":1}');
    await expect(contract.create(ctx, 'A-1', '{"n":2}')).rejects.toThrow('CONFLICT');
    expect(await contract.read(ctx, 'A-1')).toBe('{"n":1}');
    await expect(contract.read(ctx, 'A-2')).rejects.toThrow('NOT_FOUND');
  });
});
