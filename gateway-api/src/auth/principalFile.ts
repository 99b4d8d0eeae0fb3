/**
 * The files that map a credential to a principal: the API key file (key hash → entry) and the
 * JWT subject file (token `sub` → entry). Both are JSON objects of {@link PrincipalEntry}, read
 * and validated once at start-up; a bad file is a {@link ConfigError} naming its variable.
 *
 * @example
 * ```ts
 * const bySubject = loadPrincipalFile(config.jwt.subjectsFile, 'CITY_GATEWAY_JWT_SUBJECTS', SUBJECT_PATTERN);
 * bySubject.get('permit-portal');   // { principal: 'permit-portal', user: 'clerk1', roles: ['clerk'] }
 * ```
 */
import { readFileSync } from 'node:fs';
import { Type, type Static } from '@sinclair/typebox';
import { ConfigError } from '../configError';
import { schemaValidator } from '../validation';

/** One principal: its name for logs, the Fabric identity it acts as, and its roles. */
export const PrincipalEntrySchema = Type.Object(
  {
    principal: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$' }),
    user: Type.String({ pattern: '^[a-z][a-z0-9-]{0,62}$' }),
    roles: Type.Array(Type.String({ pattern: '^[a-z][a-z-]{0,30}$' }), { maxItems: 16 }),
  },
  { additionalProperties: false },
);
export type PrincipalEntry = Static<typeof PrincipalEntrySchema>;

/** Reads `file`, a JSON object whose keys match `keyPattern`, each mapped to a principal entry. */
export function loadPrincipalFile(file: string, variable: string, keyPattern: string): Map<string, PrincipalEntry> {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(variable, `cannot read ${file}: ${(err as Error).message}`);
  }
  const problems = validatorFor(keyPattern)(doc);
  if (problems) throw new ConfigError(variable, `${file} is invalid: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  return new Map(Object.entries(doc as Record<string, PrincipalEntry>));
}

/** Every distinct Fabric identity the entries act as, so start-up can check they all exist. */
export function usersOf(entries: Iterable<PrincipalEntry>): string[] {
  return [...new Set([...entries].map((e) => e.user))];
}

const validators = new Map<string, ReturnType<typeof schemaValidator>>();

function validatorFor(keyPattern: string): ReturnType<typeof schemaValidator> {
  let validate = validators.get(keyPattern);
  if (!validate) {
    validate = schemaValidator(Type.Record(Type.String({ pattern: keyPattern }), PrincipalEntrySchema, { additionalProperties: false }));
    validators.set(keyPattern, validate);
  }
  return validate;
}
