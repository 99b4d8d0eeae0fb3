/**
 * HTTP schemas shared by every domain: path parameters, paging, write answers and problem
 * details. The record building blocks (Id, Text, Enum, ...) are the domain's, re-exported here
 * for the schemas that still import them from this module.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { Id } from '@city-ledger/domain';

export { Enum, HistoryEntry, Id, Page, Text, Timestamp } from '@city-ledger/domain';

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
