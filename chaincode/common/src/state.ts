/**
 * World-state helpers for JSON objects stored under composite keys.
 *
 * Fabric semantics to keep in mind: reads see only committed state, never this transaction's
 * own writes; the last write to a key in a transaction wins.
 *
 * @example
 * ```ts
 * const key = keyFor(ctx, 'parcel', parcelId);
 * await requireAbsent(ctx, key, 'parcel');                  // CONFLICT: parcel P-1 already exists
 * await writeJson(ctx, key, parcel);
 * const p = await readJson<Parcel>(ctx, key, 'parcel');     // NOT_FOUND: parcel P-1 does not exist
 * const versions = await getHistory<Parcel>(ctx, key);      // newest first
 * ```
 */
import type { Context } from 'fabric-contract-api';
import { conflict, fromBytes, notFound, toBytes, type HistoryEntry } from '@city-ledger/domain';
import { millisToIso, timestampToMillis } from './time';

/** Composite key `objectType` + `attrs` (the stub's `\u0000`-delimited format). */
export function keyFor(ctx: Context, objectType: string, ...attrs: string[]): string {
  return ctx.stub.createCompositeKey(objectType, attrs);
}

/** Human-readable ID of a key for messages: a composite key's attributes joined by `:`. */
export function describeKey(ctx: Context, key: string): string {
  return key.startsWith('\u0000') ? ctx.stub.splitCompositeKey(key).attributes.join(':') : key;
}

/** Reads and parses a JSON object, or undefined when the key has no value. */
export async function tryReadJson<T>(ctx: Context, key: string): Promise<T | undefined> {
  const bytes = await ctx.stub.getState(key);
  return bytes && bytes.length > 0 ? fromBytes<T>(bytes) : undefined;
}

/** Reads and parses a JSON object; throws NOT_FOUND (`<kind> <id> does not exist`) when absent. */
export async function readJson<T>(ctx: Context, key: string, kind: string): Promise<T> {
  const value = await tryReadJson<T>(ctx, key);
  if (value === undefined) {
    throw notFound(kind, describeKey(ctx, key));
  }
  return value;
}

/** Writes `value` as canonical JSON. */
export async function writeJson(ctx: Context, key: string, value: unknown): Promise<void> {
  await ctx.stub.putState(key, toBytes(value));
}

/** True when the key has a committed value. */
export async function exists(ctx: Context, key: string): Promise<boolean> {
  const bytes = await ctx.stub.getState(key);
  return !!bytes && bytes.length > 0;
}

/** Throws CONFLICT (`<kind> <id> already exists`) when the key has a value. */
export async function requireAbsent(ctx: Context, key: string, kind: string): Promise<void> {
  if (await exists(ctx, key)) {
    throw conflict(`${kind} ${describeKey(ctx, key)} already exists`);
  }
}

/** Every committed change of `key`, newest first (Fabric's order), values parsed as JSON. */
export async function getHistory<T>(ctx: Context, key: string): Promise<HistoryEntry<T>[]> {
  const entries: HistoryEntry<T>[] = [];
  for await (const change of ctx.stub.getHistoryForKey(key)) {
    const entry: HistoryEntry<T> = {
      txId: change.txId,
      timestamp: millisToIso(timestampToMillis(change.timestamp)),
      isDelete: change.isDelete,
    };
    if (!change.isDelete && change.value && change.value.length > 0) {
      entry.value = fromBytes<T>(change.value);
    }
    entries.push(entry);
  }
  return entries;
}
