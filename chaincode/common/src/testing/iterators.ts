import type { Iterators, StateQueryResponse } from 'fabric-shim';

/** A fabric-shim style iterator over a snapshot: `next()` then `{ done: true }`, and `close()`. */
export class FakeIterator<T> implements Iterators.CommonIterator<T> {
  private position = 0;
  closed = false;

  constructor(private readonly items: readonly T[]) {}

  async next(): Promise<Iterators.NextResult<T>> {
    if (this.closed) {
      throw new Error('iterator is closed');
    }
    const value = this.items[this.position];
    if (value === undefined) {
      // fabric-shim resolves `{ done: true }` without a value.
      return { done: true } as Iterators.NextResult<T>;
    }
    this.position += 1;
    return { value, done: false };
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

/**
 * Like fabric-shim's query results: a promise of the iterator (or of `{ iterator, metadata }`)
 * that is also async-iterable, closing the iterator when the loop ends or breaks.
 */
export function queryable<T>(result: Promise<FakeIterator<T>>): Promise<FakeIterator<T>> & AsyncIterable<T>;
export function queryable<T>(
  result: Promise<StateQueryResponse<FakeIterator<T>>>,
): Promise<StateQueryResponse<FakeIterator<T>>> & AsyncIterable<T>;
export function queryable<T>(
  result: Promise<FakeIterator<T> | StateQueryResponse<FakeIterator<T>>>,
): Promise<FakeIterator<T> | StateQueryResponse<FakeIterator<T>>> & AsyncIterable<T> {
  const iterable = result as Promise<FakeIterator<T> | StateQueryResponse<FakeIterator<T>>> & AsyncIterable<T>;
  iterable[Symbol.asyncIterator] = () => {
    let iterator: FakeIterator<T> | undefined;
    const open = async (): Promise<FakeIterator<T>> => {
      if (!iterator) {
        const resolved = await result;
        iterator = resolved instanceof FakeIterator ? resolved : resolved.iterator;
      }
      return iterator;
    };
    return {
      next: async () => {
        const it = await open();
        const next = await it.next();
        if (next.done) {
          await it.close();
        }
        return next;
      },
      return: async () => {
        await (await open()).close();
        return { done: true, value: undefined };
      },
    };
  };
  return iterable;
}
