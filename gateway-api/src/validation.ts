/**
 * JSON Schema validation with ajv, for TypeBox schemas. The same schema objects go into the
 * OpenAPI document (http/openapi.ts), so what is documented is what is enforced.
 *
 * @example
 * ```ts
 * const check = schemaValidator(ParcelInput);
 * const problems = check(req.body, '/body');   // undefined, or [{ path: '/body/areaM2', message: 'must be >= 1' }]
 * ```
 */
import type { TSchema } from '@sinclair/typebox';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { FieldProblem } from './errors';

const ajv = new Ajv({ allErrors: true, strict: true, coerceTypes: false, useDefaults: false });
addFormats(ajv);

/** Compiles `schema` once; the returned function lists every violation, or undefined when valid. */
export function schemaValidator(schema: TSchema): (value: unknown, at?: string) => FieldProblem[] | undefined {
  const validate = ajv.compile(schema);
  return (value, at = '') => {
    if (validate(value)) return undefined;
    return (validate.errors ?? []).map((e) => {
      const extra = e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : '';
      return { path: `${at}${e.instancePath}` || '/', message: `${e.message ?? 'is invalid'}${extra}` };
    });
  };
}
