/**
 * Building blocks of every record and request schema. Each is plain JSON Schema (TypeBox),
 * so the gateway validates and documents with it and the chaincode validates with
 * {@link validate}; the chaincode's error message for a schema rides on it under a symbol
 * key, which JSON Schema tools and `JSON.stringify` never see.
 *
 * @example
 * ```ts
 * const ParcelInput = Type.Object(
 *   { id: Id, location: Text(300), areaM2: Type.Number({ minimum: 1 }), landUse: Enum(LAND_USES) },
 *   { additionalProperties: false },
 * );
 * const input = validate(ParcelInput, JSON.parse(raw), 'parcel');   // typed Static<typeof ParcelInput>
 * ```
 */
import { Type, type TSchema, type TString } from '@sinclair/typebox';

/** The chaincode's message for any failure of the schema it is set on (`<field> <message>`). */
export const ERROR_MESSAGE = Symbol.for('city-ledger.domain.errorMessage');
/** The chaincode's message when a string fails the schema's `pattern`. */
export const PATTERN_MESSAGE = Symbol.for('city-ledger.domain.patternMessage');

/** Sets the message the chaincode gives for any failure of `schema`. */
export function withMessage<T extends TSchema>(schema: T, message: string): T {
  return Object.assign(schema, { [ERROR_MESSAGE]: message });
}

/** A copy of `schema` (its chaincode messages included) documented for one use. */
export function described<T extends TSchema>(schema: T, description: string): T {
  return { ...schema, description };
}

/** An object ID: 1-128 characters of `A-Za-z0-9._:-`, starting with a letter or digit. */
export const Id = withMessage(
  Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$', description: 'An ID: 1-128 characters from A-Z a-z 0-9 . _ : -' }),
  'must be an ID: 1-128 characters from A-Z a-z 0-9 . _ : -, starting with a letter or digit',
);

/** Bounds and documentation of a {@link Text}. */
export interface TextOptions {
  /** Fewest characters (default 1). */
  min?: number;
  description?: string;
}

/** Free text of `min`..`max` characters (defaults 1..1000) without control characters; tab, LF and CR are allowed. */
export function Text(max = 1000, options: TextOptions = {}): TString {
  const { min = 1, description } = options;
  const schema = Type.String({
    minLength: min,
    maxLength: max,
    // C0 controls except tab, LF and CR, and DEL; NUL would also break composite keys.
    pattern: '^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$',
    ...(description ? { description } : {}),
  });
  return Object.assign(schema, { [PATTERN_MESSAGE]: 'must not contain control characters' });
}

/** One of `values` (a JSON Schema `enum` of strings), typed as their union. */
export function Enum<const T extends readonly string[]>(values: T, description?: string) {
  return withMessage(
    Type.Unsafe<T[number]>(Type.String({ enum: [...values], ...(description ? { description } : {}) })),
    `must be one of: ${values.join(', ')}`,
  );
}

/** An RFC 3339 UTC timestamp (`2025-01-31T08:00:00Z`); the chaincode accepts `Z` only. */
export const Timestamp = withMessage(
  Type.String({ format: 'date-time' }),
  'must be an RFC 3339 UTC timestamp like 2025-01-31T12:00:00Z',
);

/** A SHA-256 digest: 64 lowercase hex characters. */
export const HexHash = withMessage(
  Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256, 64 lowercase hex characters' }),
  'must be a SHA-256 hash: 64 lowercase hex characters',
);

/** One committed version of an object, newest first (Fabric key history). */
export function HistoryEntry<T extends TSchema>(value: T) {
  return Type.Object({
    txId: Type.String(),
    timestamp: Type.String({ description: 'Transaction timestamp, ISO-8601 UTC with milliseconds' }),
    isDelete: Type.Boolean(),
    value: Type.Optional(value),
  });
}

/** One committed change of a key, as {@link HistoryEntry} describes it. */
export interface HistoryEntry<T> {
  txId: string;
  /** Transaction timestamp, ISO-8601 UTC with milliseconds. */
  timestamp: string;
  isDelete: boolean;
  /** The value written; absent for deletes. */
  value?: T;
}

/** One page of a list; `bookmark` is `''` on the last page. */
export function Page<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), bookmark: Type.String({ description: "Pass as `bookmark` for the next page; '' on the last page" }) });
}

/** One page of objects and the bookmark of the next page (`''` when this was the last). */
export interface Page<T> {
  items: T[];
  bookmark: string;
}
