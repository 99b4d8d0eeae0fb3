/**
 * An {@link EventSource} for unit tests: an in-memory ledger of chaincode events. Streams replay
 * what lies after their checkpoint, then wait for what tests emit, as the peers would.
 *
 * @example
 * ```ts
 * const source = new FakeEventSource();
 * const event = source.emit('records', 'parcel.registered', { parcelId: 'P-1' });   // a new block
 * source.breakStreams(new Error('UNAVAILABLE'));      // every open stream fails, as a lost peer
 * expect(source.openStreams).toBe(0);                 // every stream was closed
 * ```
 */
import type { EventSource, EventStream } from '../events/eventSource';
import { isAfter, type LedgerEvent, type StreamStart } from '../events/ledgerEvent';

export interface EmittedEvent {
  readonly chaincode: string;
  readonly eventName: string;
  readonly payload: unknown;
}

export class FakeEventSource implements EventSource {
  /** Every committed event, in ledger order. */
  readonly ledger: LedgerEvent[] = [];
  /** Each stream opened: by whom, from where. */
  readonly opened: { user: string; start: StreamStart }[] = [];
  openStreams = 0;
  private nextBlock = 5n;
  private wake = new Set<() => void>();
  private failures = new Set<(err: Error) => void>();

  /** Commits one transaction with one event, in a block of its own. */
  emit(chaincode: string, eventName: string, payload: unknown): LedgerEvent {
    return this.emitBlock([{ chaincode, eventName, payload }])[0] as LedgerEvent;
  }

  /** Commits one block with a transaction per event. */
  emitBlock(events: readonly EmittedEvent[]): LedgerEvent[] {
    const blockNumber = this.nextBlock;
    this.nextBlock += 1n;
    const added = events.map((e, txIndex) => ({
      blockNumber,
      txIndex,
      chaincode: e.chaincode,
      eventName: e.eventName,
      txId: `tx-${blockNumber}-${txIndex}`,
      payload: new TextEncoder().encode(JSON.stringify(e.payload)),
    }));
    this.ledger.push(...added);
    this.notify();
    return added;
  }

  /** The ledger height: the number of the next block. */
  get height(): bigint {
    return this.nextBlock;
  }

  /** Makes every open stream fail with `err`. */
  breakStreams(err: Error): void {
    for (const fail of this.failures) fail(err);
  }

  stream(user: string, start: StreamStart): EventStream {
    this.opened.push({ user, start });
    this.openStreams += 1;
    let cursor = start === 'now' ? this.ledger.length : this.ledger.findIndex((e) => isAfter(e, start.after));
    if (cursor < 0) cursor = this.ledger.length;
    let closed = false;
    let failure: Error | undefined;
    let wakeUp = () => {};
    const onFail = (err: Error) => {
      failure = err;
      wakeUp();
    };
    this.failures.add(onFail);
    const close = () => {
      if (closed) return;
      closed = true;
      this.openStreams -= 1;
      this.failures.delete(onFail);
      wakeUp();
    };
    const next = async (): Promise<IteratorResult<LedgerEvent>> => {
      while (!closed && !failure && cursor >= this.ledger.length) {
        await new Promise<void>((resolve) => {
          wakeUp = resolve;
          this.wake.add(resolve);
        });
        this.wake.delete(wakeUp);
      }
      if (failure) throw failure;
      if (closed) return { done: true, value: undefined };
      return { done: false, value: this.ledger[cursor++] as LedgerEvent };
    };
    return {
      close,
      [Symbol.asyncIterator]: () => ({
        next,
        return: async () => {
          close();
          return { done: true, value: undefined };
        },
      }),
    };
  }

  private notify(): void {
    for (const resolve of [...this.wake]) resolve();
  }
}
