/**
 * The one validator of untrusted input against a domain schema. It walks the JSON Schema
 * itself (no compiled code, no clock, no randomness: deterministic on every endorser) and
 * throws INVALID_ARGUMENT naming the field, never echoing the value, which may be personal
 * data. It returns a fresh value holding only what the schema declares.
 *
 * Fabric passes every argument as a string, and cannot pass "no argument", so numbers and
 * booleans may come as `"12"`/`"true"`, and an optional property given as `null` or `''` is
 * treated as absent.
 *
 * @example
 * ```ts
 * const parcelId = validate(Id, rawId, 'parcelId');
 * const input = parseJson(ParcelInput, rawJson, 'parcel');   // INVALID_ARGUMENT: parcel.areaM2 must be at least 1
 * ```
 */
import type { Static, TSchema } from '@sinclair/typebox';
import { invalidArgument } from './errors';
import { ERROR_MESSAGE, PATTERN_MESSAGE } from './schemas';
import { isoToMillis } from './time';

const DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** The JSON Schema keywords the validator reads (TypeBox output). */
interface SchemaNode {
  type?: string;
  const?: unknown;
  enum?: readonly unknown[];
  anyOf?: readonly SchemaNode[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  properties?: Readonly<Record<string, SchemaNode>>;
  required?: readonly string[];
  additionalProperties?: boolean | SchemaNode;
  minProperties?: number;
  maxProperties?: number;
  propertyNames?: SchemaNode;
  items?: SchemaNode;
  minItems?: number;
  maxItems?: number;
  [ERROR_MESSAGE]?: string;
  [PATTERN_MESSAGE]?: string;
}

/** Checks `value` against `schema`; `field` names it in errors (e.g. `parcel.owner`). */
export function validate<T extends TSchema>(schema: T, value: unknown, field: string): Static<T> {
  return check(schema as SchemaNode, value, field) as Static<T>;
}

/** Parses a JSON string argument and {@link validate}s it. */
export function parseJson<T extends TSchema>(schema: T, raw: unknown, field: string): Static<T> {
  if (typeof raw !== 'string') {
    throw invalidArgument(`${field} must be a JSON string`);
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw invalidArgument(`${field} must be valid JSON`);
  }
  return validate(schema, value, field);
}

/** Whether an optional property counts as absent. */
export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function check(schema: SchemaNode, value: unknown, field: string): unknown {
  const message = schema[ERROR_MESSAGE];
  if (message === undefined) {
    return checkNode(schema, value, field);
  }
  try {
    return checkNode(schema, value, field);
  } catch {
    throw invalidArgument(`${field} ${message}`);
  }
}

function checkNode(schema: SchemaNode, value: unknown, field: string): unknown {
  if (schema.anyOf) {
    return checkAnyOf(schema.anyOf, value, field);
  }
  if (schema.const !== undefined && value !== schema.const) {
    throw invalidArgument(`${field} must be ${String(schema.const)}`);
  }
  if (schema.enum && !schema.enum.includes(value)) {
    throw invalidArgument(`${field} must be one of: ${schema.enum.join(', ')}`);
  }
  switch (schema.type) {
    case 'string':
      return checkString(schema, value, field);
    case 'number':
    case 'integer':
      return checkNumber(schema, value, field);
    case 'boolean':
      return checkBoolean(value, field);
    case 'object':
      return checkObject(schema, value, field);
    case 'array':
      return checkArray(schema, value, field);
    case undefined:
      return value; // Type.Unknown(), or a const/enum already checked above
    default:
      throw new TypeError(`validate: unsupported schema type ${schema.type} at ${field}`);
  }
}

function checkAnyOf(options: readonly SchemaNode[], value: unknown, field: string): unknown {
  for (const option of options) {
    try {
      return check(option, value, field);
    } catch {
      // try the next option
    }
  }
  const constants = options.map((option) => option.const);
  if (constants.every((constant) => constant !== undefined)) {
    throw invalidArgument(`${field} must be one of: ${constants.join(', ')}`);
  }
  throw invalidArgument(`${field} does not match any allowed form`);
}

function checkString(schema: SchemaNode, value: unknown, field: string): string {
  if (typeof value !== 'string') {
    throw invalidArgument(`${field} must be a string`);
  }
  const { minLength = 0, maxLength } = schema;
  if (value.length < minLength || (maxLength !== undefined && value.length > maxLength)) {
    throw invalidArgument(`${field} must be ${minLength}..${maxLength ?? ''} characters long`);
  }
  if (schema.pattern !== undefined && !compiled(schema.pattern).test(value)) {
    throw invalidArgument(`${field} ${schema[PATTERN_MESSAGE] ?? `must match ${schema.pattern}`}`);
  }
  if (schema.format === 'date-time' && isoToMillis(value) === undefined) {
    throw invalidArgument(`${field} must be an RFC 3339 UTC timestamp`);
  }
  if (schema.format === 'date' && isoToMillis(`${value}T00:00:00Z`) === undefined) {
    throw invalidArgument(`${field} must be a calendar date`);
  }
  return value;
}

const patterns = new Map<string, RegExp>();

function compiled(pattern: string): RegExp {
  let regExp = patterns.get(pattern);
  if (!regExp) {
    regExp = new RegExp(pattern, 'u');
    patterns.set(pattern, regExp);
  }
  return regExp;
}

function checkNumber(schema: SchemaNode, value: unknown, field: string): number {
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
  if (schema.type === 'integer' && !Number.isSafeInteger(n)) {
    throw invalidArgument(`${field} must be an integer`);
  }
  if (schema.minimum !== undefined && n < schema.minimum) {
    throw invalidArgument(`${field} must be at least ${schema.minimum}`);
  }
  if (schema.exclusiveMinimum !== undefined && n <= schema.exclusiveMinimum) {
    throw invalidArgument(`${field} must be more than ${schema.exclusiveMinimum}`);
  }
  if (schema.maximum !== undefined && n > schema.maximum) {
    throw invalidArgument(`${field} must be at most ${schema.maximum}`);
  }
  if (schema.exclusiveMaximum !== undefined && n >= schema.exclusiveMaximum) {
    throw invalidArgument(`${field} must be less than ${schema.exclusiveMaximum}`);
  }
  return n;
}

function checkBoolean(value: unknown, field: string): boolean {
  if (value === true || value === 'true') {
    return true;
  }
  if (value === false || value === 'false') {
    return false;
  }
  throw invalidArgument(`${field} must be true or false`);
}

function checkObject(schema: SchemaNode, value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidArgument(`${field} must be a JSON object`);
  }
  const record = value as Record<string, unknown>;
  checkPropertyNames(schema, Object.keys(record), field);
  const properties = schema.properties ?? {};
  const extra = schema.additionalProperties;
  const undeclared = Object.keys(record).filter((key) => !Object.prototype.hasOwnProperty.call(properties, key));
  if (extra === false && undeclared.length > 0) {
    throw invalidArgument(`${field}.${undeclared[0]} is not allowed`);
  }
  const result: Record<string, unknown> = {};
  const required = schema.required ?? [];
  for (const [key, property] of Object.entries(properties)) {
    const given = record[key];
    if (!required.includes(key) && isAbsent(given)) {
      continue;
    }
    result[key] = check(property, given, `${field}.${key}`);
  }
  for (const key of undeclared) {
    if (typeof extra === 'object') {
      result[key] = check(extra, record[key], `${field}.${key}`);
    } else if (record[key] !== undefined) {
      result[key] = record[key];
    }
  }
  return result;
}

function checkPropertyNames(schema: SchemaNode, keys: readonly string[], field: string): void {
  const { minProperties = 0, maxProperties, propertyNames } = schema;
  if (keys.length < minProperties || (maxProperties !== undefined && keys.length > maxProperties)) {
    throw invalidArgument(`${field} must have ${minProperties}..${maxProperties ?? ''} properties`);
  }
  const pattern = propertyNames?.pattern;
  const bad = pattern === undefined ? undefined : keys.find((key) => !compiled(pattern).test(key));
  if (bad !== undefined) {
    throw invalidArgument(`${field} has a property name that does not match ${pattern}`);
  }
}

function checkArray(schema: SchemaNode, value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) {
    throw invalidArgument(`${field} must be an array`);
  }
  const { minItems = 0, maxItems } = schema;
  if (value.length < minItems || (maxItems !== undefined && value.length > maxItems)) {
    throw invalidArgument(`${field} must have ${minItems}..${maxItems ?? ''} items`);
  }
  const item = schema.items;
  return item ? value.map((v: unknown, i) => check(item, v, `${field}[${i}]`)) : [...value];
}
