/**
 * API keys, stored hashed: the key file holds only SHA-256 hashes (hex) of the keys, each
 * mapped to the principal it authenticates. A leaked file does not leak a usable key.
 *
 * ```json
 * {
 *   "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8": {
 *     "principal": "tax-system", "user": "clerk1", "roles": ["clerk"]
 *   }
 * }
 * ```
 *
 * Clients send the key as `X-Api-Key: <key>` or `Authorization: ApiKey <key>`.
 * (`Authorization: Bearer …` is left to the JWT authenticator.)
 *
 * @example
 * ```ts
 * const keys = ApiKeyAuthenticator.fromFile(config.apiKeysFile);   // throws ConfigError if invalid
 * app.use('/v1', authenticate([keys]));
 * ```
 */
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { AuthResult, Authenticator } from './authenticator';
import type { Principal } from './principal';
import { loadPrincipalFile, PrincipalEntrySchema, usersOf, type PrincipalEntry } from './principalFile';

/** One entry of the key file. */
export const ApiKeyEntrySchema = PrincipalEntrySchema;
export type ApiKeyEntry = PrincipalEntry;

/** Keys of the key file: hex SHA-256 of each key. */
const KEY_HASH = '^[0-9a-f]{64}$';

/** Hex SHA-256 of a key, as stored in the key file. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

const AUTHORIZATION = /^ApiKey\s+(\S+)$/i;

export class ApiKeyAuthenticator implements Authenticator {
  readonly scheme = 'ApiKey';
  private readonly byHash: ReadonlyMap<string, ApiKeyEntry>;

  constructor(byHash: ReadonlyMap<string, ApiKeyEntry>) {
    this.byHash = byHash;
  }

  /** Loads and validates the key file; a missing or invalid file is a {@link ConfigError}. */
  static fromFile(file: string): ApiKeyAuthenticator {
    return new ApiKeyAuthenticator(loadPrincipalFile(file, 'CITY_GATEWAY_API_KEYS', KEY_HASH));
  }

  /** For tests and tools: builds the authenticator from plain keys (hashed here). */
  static fromPlainKeys(keys: Readonly<Record<string, ApiKeyEntry>>): ApiKeyAuthenticator {
    return new ApiKeyAuthenticator(new Map(Object.entries(keys).map(([key, entry]) => [hashApiKey(key), entry])));
  }

  /** Every principal's Fabric identity name, so start-up can check they all exist. */
  users(): string[] {
    return usersOf(this.byHash.values());
  }

  async authenticate(req: Request): Promise<AuthResult> {
    const key = presentedKey(req);
    if (key === undefined) return { kind: 'absent' };
    // The lookup is by hash, so timing reveals nothing about the stored keys.
    const entry = this.byHash.get(hashApiKey(key));
    if (!entry) return { kind: 'invalid', reason: 'unknown API key' };
    const principal: Principal = { id: entry.principal, user: entry.user, roles: entry.roles, via: 'api-key' };
    return { kind: 'ok', principal };
  }
}

function presentedKey(req: Request): string | undefined {
  const header = req.get('x-api-key');
  if (header !== undefined) return header.trim();
  const match = AUTHORIZATION.exec(req.get('authorization') ?? '');
  return match?.[1];
}
