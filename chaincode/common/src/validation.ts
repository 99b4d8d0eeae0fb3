/**
 * Validation of untrusted input. Fabric passes every transaction argument as a string, and
 * JSON arguments carry arbitrary values, so every validator takes `unknown`, returns the typed
 * value, and throws INVALID_ARGUMENT naming the field (never echoing the value, which may be
 * personal data).
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
import { invalidArgument } from './errors';
import { isoToMillis } from './time';

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

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const HEX_HASH = /^[0-9a-f]{64}$/;
const DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
// C0 controls except tab, LF and CR; NUL would also break composite keys.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const DEFAULT_TEXT_MAX = 1000;

/** An identifier: 1-128 chars of `A-Za-z0-9._:-`, starting with a letter or digit. */
export function requireId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ID.test(value)) {
    throw invalidArgument(
      `${field} must be an ID: 1-128 characters from A-Z a-z 0-9 . _ : -, starting with a letter or digit`,
    );
  }
  return value;
}

/** A string of `min`..`max` characters (defaults 1..1000) without control characters (tab/newline allowed). */
export function requireText(value: unknown, field: string, bounds: LengthBounds = {}): string {
  const { min = 1, max = DEFAULT_TEXT_MAX } = bounds;
  if (typeof value !== 'string') {
    throw invalidArgument(`${field} must be a string`);
  }
  if (value.length < min || value.length > max) {
    throw invalidArgument(`${field} must be ${min}..${max} characters long`);
  }
  if (CONTROL.test(value)) {
    throw invalidArgument(`${field} must not contain control characters`);
  }
  return value;
}

/** One of `allowed` (pass a readonly tuple, e.g. `['a', 'b'] as const`, to get a union type). */
export function requireEnum<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalidArgument(`${field} must be one of: ${allowed.join(', ')}`);
  }
  return value as T;
}

/** A finite number, given as a JSON number or a decimal string (`"12"`, `"-1.5e3"`). */
export function requireNumber(value: unknown, field: string, bounds: NumberBounds = {}): number {
  let n: number;
  if (typeof value === 'number') {
    n = value;
  } else if (typeof value === 'string' && DECIMAL.test(value)) {
    n = Number(value);
  } else {
    throw invalidArgument(`${field} must be a number`);
  }
  if (!Number.isFinite(n)) {
    throw invalidArgument(`${field} must be a finite number`);
  }
  if (bounds.integer && !Number.isSafeInteger(n)) {
    throw invalidArgument(`${field} must be an integer`);
  }
  if (bounds.min !== undefined && n < bounds.min) {
    throw invalidArgument(`${field} must be at least ${bounds.min}`);
  }
  if (bounds.max !== undefined && n > bounds.max) {
    throw invalidArgument(`${field} must be at most ${bounds.max}`);
  }
  return n;
}

/** A boolean, given as JSON `true`/`false` or the strings `"true"`/`"false"`. */
export function requireBoolean(value: unknown, field: string): boolean {
  if (value === true || value === 'true') {
    return true;
  }
  if (value === false || value === 'false') {
    return false;
  }
  throw invalidArgument(`${field} must be true or false`);
}

/**
 * An RFC 3339 UTC timestamp such as `2025-03-01T09:30:00Z` or `2025-03-01T09:30:00.123Z`
 * (the date must exist). Returned unchanged; compare timestamps with `isoToMillis`, not as strings.
 */
export function requireIsoTimestamp(value: unknown, field: string): string {
  if (typeof value !== 'string' || isoToMillis(value) === undefined) {
    throw invalidArgument(`${field} must be an RFC 3339 UTC timestamp like 2025-01-31T12:00:00Z`);
  }
  return value;
}

/** A SHA-256 digest: 64 lowercase hex characters. */
export function requireHexHash(value: unknown, field: string): string {
  if (typeof value !== 'string' || !HEX_HASH.test(value)) {
    throw invalidArgument(`${field} must be a SHA-256 hash: 64 lowercase hex characters`);
  }
  return value;
}

/** A plain JSON object (not null, not an array). */
export function requireObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidArgument(`${field} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** An array of `min`..`max` items (defaults 0..1000), each checked by `item` as `field[i]`. */
export function requireArray<T>(value: unknown, field: string, item: Validator<T>, bounds: LengthBounds = {}): T[] {
  const { min = 0, max = 1000 } = bounds;
  if (!Array.isArray(value)) {
    throw invalidArgument(`${field} must be an array`);
  }
  if (value.length < min || value.length > max) {
    throw invalidArgument(`${field} must have ${min}..${max} items`);
  }
  return value.map((v: unknown, i) => item(v, `${field}[${i}]`));
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
  if (typeof raw !== 'string') {
    throw invalidArgument(`${field} must be a JSON string`);
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw invalidArgument(`${field} must be valid JSON`);
  }
  return shape ? requireShape(value, field, shape) : (requireObject(value, field) as T);
}

/** Wraps a validator so that undefined, null and `''` (Fabric cannot pass "no argument") yield undefined. */
export function optional<T>(validator: Validator<T>): Validator<T | undefined> {
  return (value, field) => (value === undefined || value === null || value === '' ? undefined : validator(value, field));
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
