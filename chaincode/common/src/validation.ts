/**
 * Validation of untrusted input. Fabric passes every transaction argument as a string, and
 * JSON arguments carry arbitrary values, so every validator takes `unknown`, returns the typed
 * value, and throws INVALID_ARGUMENT naming the field (never echoing the value, which may be
 * personal data).
 *
 * Each check is @city-ledger/domain's `validate` with the domain's schema (Id, Text, Enum,
 * ...), so chaincode, gateway and audit apply one rule. Records and requests are schemas in
 * the domain package, checked with `parseJson`/`validate`; these helpers serve the few scalar
 * arguments that are not part of a record.
 *
 * @example
 * ```ts
 * const parcelId = requireId(rawId, 'parcelId');
 * const pageSize = requireNumber(raw, 'pageSize', { integer: true, min: 1, max: 100 });
 * const parcel = parseJson(ParcelInput, parcelJson, 'parcel');   // from @city-ledger/domain
 * ```
 */
import { Type } from '@sinclair/typebox';
import { AnyJsonObject, Enum, Id, parseJson, validate } from '@city-ledger/domain';

/** Bounds for {@link requireNumber}. */
export interface NumberBounds {
  min?: number;
  max?: number;
  integer?: boolean;
}

const ANY_JSON = Type.Unknown();

/** An identifier: 1-128 chars of `A-Za-z0-9._:-`, starting with a letter or digit. */
export function requireId(value: unknown, field: string): string {
  return validate(Id, value, field);
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

/** A plain JSON object (not null, not an array). */
export function requireObject(value: unknown, field: string): Record<string, unknown> {
  return validate(AnyJsonObject, value, field);
}

/** Parses a JSON transaction argument that must be an object; the caller asserts its type. */
export function parseJsonArg<T = Record<string, unknown>>(raw: unknown, field: string): T {
  return requireObject(parseJson(ANY_JSON, raw, field), field) as T;
}
