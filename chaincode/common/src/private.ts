/**
 * Private data collections and transient input.
 *
 * Private data reaches the chaincode through the transient map (never through arguments,
 * which are recorded on the ledger), is stored with `putPrivateJson`, and is proven on the
 * public side by its hash. Never return private data from a submitted transaction and never
 * put it in an event.
 *
 * @example
 * ```ts
 * const person = readTransientJson<BirthDetails>(ctx, 'birth');   // INVALID_ARGUMENT if missing
 * await putPrivateJson(ctx, 'vitalRecordsPrivate', key, person);
 * const hash = await privateDataHash(ctx, 'vitalRecordsPrivate', key); // readable by non-members
 * ```
 */
import type { Context } from 'fabric-contract-api';
import type { Static, TSchema } from '@sinclair/typebox';
import { Batch, BATCH_FIELD, fromBytes, invalidArgument, notFound, parseJson, toBytes, validate } from '@city-ledger/domain';
import { describeKey } from './state';
import { parseJsonArg } from './validation';

/**
 * Parses the transient entry `key` as a JSON object; validate it with {@link readTransient}
 * or the domain's `validate`. Missing entry or bad JSON -> INVALID_ARGUMENT naming the key.
 */
export function readTransientJson<T = Record<string, unknown>>(ctx: Context, key: string): T {
  return parseJsonArg<T>(transientText(ctx, key), key);
}

/** The text of transient entry `key`; INVALID_ARGUMENT when it is missing or empty. */
function transientText(ctx: Context, key: string): string {
  const bytes = ctx.stub.getTransient().get(key);
  if (!bytes || bytes.length === 0) {
    throw invalidArgument(`transient field ${key} is required`);
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * Reads transient field `key` as a JSON array of `schema` records, the private part of a batch
 * (errors name the record: `records[3].name must ...`).
 */
export function readTransientBatch<T extends TSchema>(ctx: Context, key: string, schema: T): Static<T>[] {
  return parseJson(Batch(schema), transientText(ctx, key), BATCH_FIELD) as Static<T>[];
}

/** Reads transient field `key` as JSON and validates it against the domain `schema`. */
export function readTransient<T extends TSchema>(ctx: Context, key: string, schema: T): Static<T> {
  return validate(schema, readTransientJson(ctx, key), key);
}

/** Writes `value` as canonical JSON into `collection`. */
export async function putPrivateJson(ctx: Context, collection: string, key: string, value: unknown): Promise<void> {
  await ctx.stub.putPrivateData(collection, key, toBytes(value));
}

/** Reads a JSON object from `collection`, or undefined when absent. */
export async function tryReadPrivateJson<T>(ctx: Context, collection: string, key: string): Promise<T | undefined> {
  const bytes = await ctx.stub.getPrivateData(collection, key);
  return bytes && bytes.length > 0 ? fromBytes<T>(bytes) : undefined;
}

/** Reads a JSON object from `collection`; NOT_FOUND when absent. */
export async function readPrivateJson<T>(ctx: Context, collection: string, key: string, kind: string): Promise<T> {
  const value = await tryReadPrivateJson<T>(ctx, collection, key);
  if (value === undefined) {
    throw notFound(kind, describeKey(ctx, key));
  }
  return value;
}

/**
 * Hex SHA-256 of the committed private value, as every peer on the channel (members or not)
 * holds it; undefined when absent. Compare with `sha256Hex(toBytes(doc))` to verify a document.
 */
export async function privateDataHash(ctx: Context, collection: string, key: string): Promise<string | undefined> {
  const hash = await ctx.stub.getPrivateDataHash(collection, key);
  return hash && hash.length > 0 ? Buffer.from(hash).toString('hex') : undefined;
}
