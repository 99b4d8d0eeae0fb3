import { conflict } from '@city-ledger/domain';
import { forEachRecord, pairWithPrivate, requireDistinct } from './batch';

describe('forEachRecord', () => {
  it('runs the write on each record in order and returns the results', async () => {
    await expect(forEachRecord(['a', 'b'], async (r, i) => `${r}${i}`)).resolves.toEqual(['a0', 'b1']);
  });

  it('names the index of the record whose write was refused, keeping the code', async () => {
    const write = async (r: string): Promise<string> => {
      if (r === 'b') throw conflict('parcel b already exists');
      return r;
    };
    await expect(forEachRecord(['a', 'b', 'c'], write)).rejects.toMatchObject({ code: 'CONFLICT', message: 'CONFLICT: records[1]: parcel b already exists' });
  });

  it('lets an unexpected error through unchanged', async () => {
    const bug = new TypeError('bug');
    await expect(forEachRecord(['a'], async () => Promise.reject(bug))).rejects.toBe(bug);
  });
});

describe('requireDistinct', () => {
  it('accepts distinct IDs and names the second of a repeated one', () => {
    expect(() => requireDistinct(['a', 'b'], 'parcel')).not.toThrow();
    expect(() => requireDistinct(['a', 'b', 'a'], 'parcel')).toThrow('CONFLICT: records[2]: parcel a is also records[0] of this batch');
  });
});

describe('pairWithPrivate', () => {
  it('pairs records with their private parts, and refuses a private part of another length', () => {
    expect(pairWithPrivate([1, 2], ['a', 'b'], 'owners')).toEqual([[1, 'a'], [2, 'b']]);
    expect(() => pairWithPrivate([1, 2], ['a'], 'owners')).toThrow(/^INVALID_ARGUMENT: owners must have one entry per record: 1 for 2 records/);
  });
});
