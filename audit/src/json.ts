/**
 * Reading JSON the audit did not write (presented documents, chaincode answers) with clear
 * INVALID_ARGUMENT errors, using the domain's validator.
 *
 * @example
 * ```ts
 * const document = parseJsonObject(await readFile(file), 'the presented document');
 * ```
 */
import { Type } from '@sinclair/typebox';
import { AnyJsonObject, ChaincodeError, validate } from '@city-ledger/domain';
import { AuditError } from './errors';

export type JsonObject = Record<string, unknown>;

const JSON_OBJECTS = Type.Array(AnyJsonObject);

function parseJson(bytes: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err) {
    throw new AuditError('INVALID_ARGUMENT', `${what} is not UTF-8 JSON: ${(err as Error).message}`);
  }
}

/** Runs chaincode validation or hashing; its INVALID_ARGUMENT (or canonicalJson's TypeError) becomes an AuditError. */
export function asInvalidArgument<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof ChaincodeError) throw new AuditError('INVALID_ARGUMENT', err.detail);
    if (err instanceof TypeError) throw new AuditError('INVALID_ARGUMENT', err.message);
    throw err;
  }
}

/** A JSON object; key order and whitespace do not matter (hashes are over canonical JSON). */
export function parseJsonObject(bytes: Uint8Array, what: string): JsonObject {
  const value = parseJson(bytes, what);
  return asInvalidArgument(() => validate(AnyJsonObject, value, what));
}

/** A JSON array of objects. */
export function parseJsonArray(bytes: Uint8Array, what: string): JsonObject[] {
  const value = parseJson(bytes, what);
  return asInvalidArgument(() => validate(JSON_OBJECTS, value, what));
}
