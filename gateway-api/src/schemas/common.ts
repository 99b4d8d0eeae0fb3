/**
 * Schemas shared by every domain. They mirror the chaincode's own validation
 * (chaincode/common/src/validation.ts) so most bad input is refused at the gateway; the
 * chaincode still validates everything.
 */
import { Type, type TSchema, type TString } from '@sinclair/typebox';

/** An object ID, as the chaincode's `requireId`: 1-128 characters, starting with a letter or digit. */
export const Id = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$', description: 'An ID: 1-128 characters from A-Z a-z 0-9 . _ : -' });

/** Free text without control characters, as the chaincode's `requireText`. */
export function Text(max: number, description?: string): TString {
  return Type.String({ minLength: 1, maxLength: max, pattern: '^[^\\u0000-\\u001f\\u007f]*$', ...(description ? { description } : {}) });
}

/** One of `values` (a JSON Schema `enum` of strings), typed as their union. */
export function Enum<const T extends readonly string[]>(values: T, description?: string) {
  return Type.Unsafe<T[number]>(Type.String({ enum: [...values], ...(description ? { description } : {}) }));
}

/** An RFC 3339 UTC timestamp (`2025-01-31T08:00:00Z`). */
export const Timestamp = Type.String({ format: 'date-time' });

/** Path parameters of routes on one object. */
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

/** The answer of a write: the committed transaction and the chaincode's result. */
export function Submitted<T extends TSchema>(result: T) {
  return Type.Object(
    {
      txId: Type.String({ description: 'Fabric transaction ID' }),
      blockNumber: Type.Integer({ minimum: 0, description: 'Block the transaction committed in' }),
      result,
    },
    { additionalProperties: false },
  );
}

/** One committed version of an object, newest first (Fabric key history). */
export function HistoryEntry<T extends TSchema>(value: T) {
  return Type.Object({
    txId: Type.String(),
    timestamp: Type.String(),
    isDelete: Type.Boolean(),
    value: Type.Optional(value),
  });
}

/** RFC 9457 problem details, as errors.ts writes them. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String({ description: 'Stable error code, e.g. NOT_FOUND, INVALID_ARGUMENT, READ_ONLY' }),
    detail: Type.Optional(Type.String()),
    txId: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
);

/** Path parameters of a sub-object: the parent's `id` and the child's own ID under `name`. */
export function NestedIdParams<K extends string>(name: K) {
  return Type.Object({ id: Id, [name]: Id } as { id: typeof Id } & Record<K, typeof Id>, { additionalProperties: false });
}

/** Query of a paginated list (the chaincode's `listByIndex`: 1-100 per page, base64url bookmark). */
export const PageQuery = Type.Object(
  {
    pageSize: Type.Optional(Type.String({ pattern: '^(100|[1-9][0-9]?)$', description: 'Items per page, 1-100 (default 20)' })),
    bookmark: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{0,1024}$', description: 'The `bookmark` of the previous page; omit for the first page' })),
  },
  { additionalProperties: false },
);

/** One page of a list; `bookmark` is `''` on the last page. */
export function Page<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), bookmark: Type.String({ description: "Pass as `bookmark` for the next page; '' on the last page" }) });
}
