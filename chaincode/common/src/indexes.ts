/**
 * Secondary indexes as composite keys, for LevelDB (no rich queries).
 *
 * Convention: an index key is `indexName` + attributes, and its LAST attribute is the primary
 * ID of the indexed object. The value is a single 0x00 byte (Fabric treats an empty value as a
 * delete). The object itself is read from the primary key that `primaryKey(id)` returns.
 *
 * @example
 * ```ts
 * // index "parcel~owner": owner, parcelId
 * await putIndex(ctx, 'parcel~owner', [parcel.owner, parcel.id]);
 * await deleteIndex(ctx, 'parcel~owner', [oldOwner, parcel.id]);        // on transfer
 * const page = await listByIndex<Parcel>(ctx, 'parcel~owner', [owner], {
 *   pageSize, bookmark, primaryKey: (id) => keyFor(ctx, 'parcel', id),
 * });   // { items: Parcel[], bookmark: '' when there is no next page }
 * ```
 */
import type { Context } from 'fabric-contract-api';
import { invalidArgument, type Page } from '@city-ledger/domain';
import { tryReadJson } from './state';
import { requireNumber } from './validation';

/** Largest page {@link listByIndex} accepts. */
export const MAX_PAGE_SIZE = 100;

const INDEX_VALUE = Uint8Array.of(0);

/** Paging options for {@link listByIndex}. */
export interface IndexPageOptions {
  /** 1..100; a string as it arrives from a transaction argument is accepted. */
  pageSize: number | string;
  /** Opaque bookmark from the previous page; `''` or undefined for the first page. */
  bookmark?: string;
  /** Primary key of the object whose ID is the index key's last attribute. */
  primaryKey: (id: string) => string;
}

/** Adds the index entry `indexName` + `attrs` (last attribute = primary ID). */
export async function putIndex(ctx: Context, indexName: string, attrs: string[]): Promise<void> {
  await ctx.stub.putState(ctx.stub.createCompositeKey(indexName, attrs), INDEX_VALUE);
}

/** Removes the index entry `indexName` + `attrs`. */
export async function deleteIndex(ctx: Context, indexName: string, attrs: string[]): Promise<void> {
  await ctx.stub.deleteState(ctx.stub.createCompositeKey(indexName, attrs));
}

/**
 * Attributes of every entry under `indexName` + `partialAttrs`, in key order. Not paginated,
 * so it may be used in submit transactions (e.g. "does this parcel have an active lien?").
 */
export async function readIndex(ctx: Context, indexName: string, partialAttrs: string[]): Promise<string[][]> {
  const entries: string[][] = [];
  for await (const kv of ctx.stub.getStateByPartialCompositeKey(indexName, partialAttrs)) {
    entries.push(ctx.stub.splitCompositeKey(kv.key).attributes);
  }
  return entries;
}

/**
 * One page of the objects indexed under `indexName` + `partialAttrs`, in index-key order
 * (deterministic). Entries whose object no longer exists are skipped.
 *
 * Fabric allows paginated queries only in read-only (evaluated) transactions: a write after
 * one fails, so call this from query functions only. The bookmark is base64url, safe in URLs.
 */
export async function listByIndex<T>(
  ctx: Context,
  indexName: string,
  partialAttrs: string[],
  options: IndexPageOptions,
): Promise<Page<T>> {
  const pageSize = requireNumber(options.pageSize, 'pageSize', { integer: true, min: 1, max: MAX_PAGE_SIZE });
  const prefix = ctx.stub.createCompositeKey(indexName, partialAttrs);
  const startKey = decodeBookmark(options.bookmark ?? '', prefix);
  const { iterator, metadata } = await ctx.stub.getStateByPartialCompositeKeyWithPagination(
    indexName,
    partialAttrs,
    pageSize,
    startKey,
  );
  const items: T[] = [];
  try {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const attrs = ctx.stub.splitCompositeKey(next.value.key).attributes;
      const id = attrs[attrs.length - 1];
      const item = id === undefined ? undefined : await tryReadJson<T>(ctx, options.primaryKey(id));
      if (item !== undefined) {
        items.push(item);
      }
    }
  } finally {
    await iterator.close();
  }
  // The shim leaves `metadata` undefined when the range holds no key at all.
  return { items, bookmark: encodeBookmark(metadata?.bookmark ?? '') };
}

function encodeBookmark(key: string): string {
  return key ? Buffer.from(key, 'utf8').toString('base64url') : '';
}

function decodeBookmark(bookmark: string, prefix: string): string {
  if (bookmark === '') {
    return '';
  }
  const key = Buffer.from(bookmark, 'base64url').toString('utf8');
  // A bookmark from another index or query would silently start a scan elsewhere.
  if (!key.startsWith(prefix) || encodeBookmark(key) !== bookmark) {
    throw invalidArgument('bookmark does not belong to this query');
  }
  return key;
}
