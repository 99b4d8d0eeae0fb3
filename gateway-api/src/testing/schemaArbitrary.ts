/**
 * A fast-check arbitrary of values that match a JSON Schema, for the subset the gateway's
 * TypeBox schemas use (object, array, string with pattern/format/length, integer, number,
 * boolean, null, enum, const, anyOf/oneOf/allOf of objects). Test-only: fast-check is a
 * devDependency, so nothing the gateway runs imports this file.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(schemaArbitrary(openApi.paths['/v1/parcels'].post.requestBody…schema), (body) => …));
 * ```
 */
import fc, { type Arbitrary } from 'fast-check';

type Schema = Readonly<Record<string, unknown>>;

const FORMATS: Readonly<Record<string, Arbitrary<string>>> = {
  'date-time': fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  date: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  email: fc.constantFrom('ada@example.org', 'clerk@city.local'),
  uri: fc.constantFrom('https://tax.city.local/hooks/ledger', 'https://example.org/a'),
};

/** Values valid against `schema` (as far as the subset goes; the server's validator has the last word). */
export function schemaArbitrary(schema: Schema): Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(schema[key])) return fc.oneof(...(schema[key] as Schema[]).map(schemaArbitrary));
  }
  if (Array.isArray(schema.allOf)) {
    const parts = (schema.allOf as Schema[]).map(schemaArbitrary);
    return fc.tuple(...parts).map((values) => Object.assign({}, ...(values as object[])) as unknown);
  }
  switch (schema.type) {
    case 'object':
      return objectArbitrary(schema);
    case 'array': {
      const items = schema.items !== undefined ? schemaArbitrary(schema.items as Schema) : fc.string();
      return fc.array(items, { minLength: num(schema.minItems) ?? 0, maxLength: Math.min(num(schema.maxItems) ?? 3, 3) });
    }
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return fc.integer({ min: num(schema.minimum) ?? -1000, max: num(schema.maximum) ?? 1_000_000 });
    case 'number':
      return fc.double({ min: num(schema.minimum) ?? -1000, max: num(schema.maximum) ?? 1_000_000, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectArbitrary(schema: Schema): Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Readonly<Record<string, Schema>>;
  const required = new Set((schema.required ?? []) as string[]);
  const model: Record<string, Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) model[name] = schemaArbitrary(property);
  return fc.record(model, { requiredKeys: Object.keys(properties).filter((name) => required.has(name)) });
}

function stringArbitrary(schema: Schema): Arbitrary<string> {
  const minLength = num(schema.minLength) ?? 0;
  const maxLength = num(schema.maxLength);
  let arbitrary: Arbitrary<string>;
  if (typeof schema.format === 'string' && FORMATS[schema.format]) arbitrary = FORMATS[schema.format] as Arbitrary<string>;
  else if (typeof schema.pattern === 'string') arbitrary = fc.stringMatching(new RegExp(schema.pattern, 'u'));
  else arbitrary = fc.string({ minLength, maxLength: Math.min(maxLength ?? 40, 40) });
  return arbitrary.filter((s) => s.length >= minLength && (maxLength === undefined || s.length <= maxLength));
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
