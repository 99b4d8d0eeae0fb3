/**
 * Where chaincode events come from. Routes and the webhook dispatcher depend on this interface
 * only; the real implementation is `FabricEventSource` (fabric/fabricEventSource.ts, block events
 * from the org's peers) and unit tests use `FakeEventSource` (testing/fakeEventSource.ts).
 *
 * A stream yields the events of every chaincode in ledger order (block, then transaction index),
 * each exactly once, starting after a checkpoint or with the next block. It ends with an error
 * when the ledger connection breaks (the caller reopens it from its last checkpoint), and never
 * ends on its own otherwise: call `close()`.
 *
 * @example
 * ```ts
 * const stream = source.stream('auditor1', { after: parseCheckpoint('12:3')! });
 * try {
 *   for await (const event of stream) handle(event);
 * } finally {
 *   stream.close();
 * }
 * ```
 */
import type { LedgerEvent, StreamStart } from './ledgerEvent';

export interface EventStream extends AsyncIterable<LedgerEvent> {
  /** Stops reading from the ledger; a pending iteration ends. Safe to call twice. */
  close(): void;
}

export interface EventSource {
  /** Opens a stream as `user` (a Fabric identity of the org, so the peer checks the real reader). */
  stream(user: string, start: StreamStart): EventStream;
}
