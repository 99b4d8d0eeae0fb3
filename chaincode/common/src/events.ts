/**
 * Chaincode events. Fabric keeps ONE event per transaction (a second `setEvent` silently
 * replaces the first), so each state-changing transaction emits exactly one event that
 * describes the whole change. Emitting twice in one transaction throws, to catch that bug.
 *
 * Events are visible to every org on the channel: NEVER put private data (names, dates of
 * birth, transient input) in a payload; IDs, statuses and hashes only.
 *
 * @example
 * ```ts
 * emitEvent(ctx, 'parcel.transferred', { parcelId, from, to, txTime: txTimestamp(ctx) });
 * ```
 */
import type { Context } from 'fabric-contract-api';
import { toBytes } from '@city-ledger/domain';

// The stub is unique per transaction, so it identifies the transaction.
const emitted = new WeakMap<object, string>();

/** Sets the transaction's single event; the payload is canonical JSON bytes. */
export function emitEvent(ctx: Context, name: string, payload: unknown): void {
  if (!name) {
    throw new Error('emitEvent: event name must not be empty');
  }
  const previous = emitted.get(ctx.stub);
  if (previous !== undefined) {
    throw new Error(`emitEvent: event ${previous} was already emitted; Fabric keeps one event per transaction`);
  }
  ctx.stub.setEvent(name, toBytes(payload));
  emitted.set(ctx.stub, name);
}
