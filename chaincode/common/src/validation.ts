/**
 * Validation of untrusted input. Fabric passes every transaction argument as a string, and
 * JSON arguments carry arbitrary values, so every validator takes `unknown`, returns the typed
 * value, and throws INVALID_ARGUMENT naming the field (never echoing the value, which may be
 * personal data).
 *
 * Each scalar check is @city-ledger/domain's `validate` with the domain's schema (Id, Text,
 * Enum, ...), so chaincode, gateway and audit apply one rule. `Shape`, `requireShape` and
 * `parseJsonArg` serve the contracts whose records are not yet schemas in the domain package;
 * new code declares a schema there and calls `parseJson`/`validate`.
 *
 * @example
 * ```ts
 * const parcelId = requireId(rawId, 'parcelId');
 * const input = parseJsonArg(raw, 'parcel', {
 *   owner: requireId,
 *   areaM2: (v, f) => requireNumber(v, f, { min: 0 }),
 *   zone: (v, f) => requireEnum(v, f, ['residential', 'commercial'] as const),
 *   note: optionalText,
 * });   // typed { owner: string; areaM2: number; zone: 'residential' | 'commercial'; note: string | undefined }
 * ```
 */
import { Type } from '@sinclair/typebox';
import { AnyJsonObject, Enum, HexHash, Id, Text, Timestamp, invalidArgument, isAbsent, parseJson, validate } from '@city-ledger/domain';

/** Validates one value; `field` names it in the error (e.g. `parcel.owner`). */
export type Validator<T> = (value: unknown, field: string) => T;

/** One validator per property of T: the tiny schema used by {@link requireShape} and {@link parseJsonArg}. */
export type Shape<T> = { [K in keyof T]-?: Validator<T[K]> };

/** Bounds for {@link requireText} and {@link requireArray}. */
export interface LengthBounds {
  min?: number;
  max?: number;
}

/** Bounds for {@link requireNumber}. */
export interface NumberBounds {
  min?: number;
  max?: number;
  integer?: boolean;
}

const BOOLEAN = Type.Boolean();
const ANY_JSON = Type.Unknown();

/** An identifier: 1-128 chars of `A-Za-z0-9._:-`, starting with a letter or digit. */
export function requireId(value: unknown, field: string): string {
  return validate(Id, value, field);
}

/** A string of `min`..`max` characters (defaults 1..1000) without control characters (tab/newline allowed). */
export function requireText(value: unknown, field: string, bounds: LengthBounds = {}): string {
  return validate(Text(bounds.max, { min: bounds.min ?? 1 }), value, field);
}

/** One of `allowed` (pass a readonly tuple, e.g. `['a', 'b'] as const`, to get a union type). */
export function requireEnum<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  return validate(Enum(allowed), value, field);
}

/** A finite number, given as a JSON number or a decimal string (`"12"`, `"-1.5e3"`). */
export function requireNumber(value: unknown, field: string, bounds: NumberBounds = {}): number {
  const limits = { ...(bounds.min !== undefined ? { minimum: bounds.min } : {}), ...(bounds.max !== undefined ? { maximum: bounds.max } : {}) };
  return validate(bounds.integer ? Type.Integer(limits) : Type.Number(limits), value, field);
}

/** A boolean, given as JSON `true`/`false` or the strings `"true"`/`"false"`. */
export function requireBoolean(value: unknown, field: string): boolean {
  return validate(BOOLEAN, value, field);
}

/**
 * An RFC 3339 UTC timestamp such as `2025-03-01T09:30:00Z` or `2025-03-01T09:30:00.123Z`
 * (the date must exist). Returned unchanged; compare timestamps with `isoToMillis`, not as strings.
 */
export function requireIsoTimestamp(value: unknown, field: string): string {
  return validate(Timestamp, value, field);
}

/** A SHA-256 digest: 64 lowercase hex characters. */
export function requireHexHash(value: unknown, field: string): string {
  return validate(HexHash, value, field);
}

/** A plain JSON object (not null, not an array). */
export function requireObject(value: unknown, field: string): Record<string, unknown> {
  return validate(AnyJsonObject, value, field);
}

/** An array of `min`..`max` items (defaults 0..1000), each checked by `item` as `field[i]`. */
export function requireArray<T>(value: unknown, field: string, item: Validator<T>, bounds: LengthBounds = {}): T[] {
  const { min = 0, max = 1000 } = bounds;
  return validate(Type.Array(ANY_JSON, { minItems: min, maxItems: max }), value, field).map((v, i) => item(v, `${field}[${i}]`));
}

/**
 * An object validated property by property (`field.prop` in errors). Unknown properties are
 * rejected, so typos fail loudly; properties whose validator returns undefined are omitted.
 */
export function requireShape<T>(value: unknown, field: string, shape: Shape<T>): T {
  const record = requireObject(value, field);
  for (const key of Object.keys(record)) {
    if (!Object.prototype.hasOwnProperty.call(shape, key)) {
      throw invalidArgument(`${field}.${key} is not allowed`);
    }
  }
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(shape) as (keyof T & string)[]) {
    const parsed = shape[key](record[key], `${field}.${key}`);
    if (parsed !== undefined) {
      result[key] = parsed;
    }
  }
  return result as T;
}

/**
 * Parses a JSON transaction argument that must be an object. With a `shape`, validates it
 * with {@link requireShape}; without one, the caller asserts the type (validate fields yourself).
 */
export function parseJsonArg<T = Record<string, unknown>>(raw: unknown, field: string, shape?: Shape<T>): T {
  const value = parseJson(ANY_JSON, raw, field);
  return shape ? requireShape(value, field, shape) : (requireObject(value, field) as T);
}

/** Wraps a validator so that undefined, null and `''` (Fabric cannot pass "no argument") yield undefined. */
export function optional<T>(validator: Validator<T>): Validator<T | undefined> {
  return (value, field) => (isAbsent(value) ? undefined : validator(value, field));
}

/** {@link requireId}, or undefined when absent. */
export const optionalId: Validator<string | undefined> = optional(requireId);
/** {@link requireText} with default bounds, or undefined when absent. */
export const optionalText: Validator<string | undefined> = optional((v, f) => requireText(v, f));
/** {@link requireNumber} without bounds, or undefined when absent. */
export const optionalNumber: Validator<number | undefined> = optional((v, f) => requireNumber(v, f));
/** {@link requireBoolean}, or undefined when absent. */
export const optionalBoolean: Validator<boolean | undefined> = optional(requireBoolean);
/** {@link requireIsoTimestamp}, or undefined when absent. */
export const optionalIsoTimestamp: Validator<string | undefined> = optional(requireIsoTimestamp);
/** {@link requireHexHash}, or undefined when absent. */
export const optionalHexHash: Validator<string | undefined> = optional(requireHexHash);
