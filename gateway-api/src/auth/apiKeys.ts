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
 *
 * // Admin routes hand out and withdraw keys at run time; the file is rewritten (atomically, 0600):
 * const key = await keys.issue({ principal: 'permit-portal', user: 'permit-portal', roles: ['clerk'] });
 * await keys.revokeUser('permit-portal');
 * ```
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { writeFileAtomic } from '../atomicFile';
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
  private readonly byHash: Map<string, ApiKeyEntry>;
  /** Writes of the key file, one after the other. */
  private saving: Promise<void> = Promise.resolve();

  /** `file`: where {@link issue} and {@link revokeUser} save the keys (kept in memory only without it). */
  constructor(
    byHash: ReadonlyMap<string, ApiKeyEntry>,
    private readonly file?: string,
  ) {
    this.byHash = new Map(byHash);
  }

  /** Loads and validates the key file; a missing or invalid file is a {@link ConfigError}. */
  static fromFile(file: string): ApiKeyAuthenticator {
    return new ApiKeyAuthenticator(loadPrincipalFile(file, 'CITY_GATEWAY_API_KEYS', KEY_HASH), file);
  }

  /** For tests and tools: builds the authenticator from plain keys (hashed here). */
  static fromPlainKeys(keys: Readonly<Record<string, ApiKeyEntry>>): ApiKeyAuthenticator {
    return new ApiKeyAuthenticator(new Map(Object.entries(keys).map(([key, entry]) => [hashApiKey(key), entry])));
  }

  /** Every principal's Fabric identity name, so start-up can check they all exist. */
  users(): string[] {
    return usersOf(this.byHash.values());
  }

  /** The entries whose principal acts as `user`. */
  entriesOf(user: string): ApiKeyEntry[] {
    return [...this.byHash.values()].filter((e) => e.user === user);
  }

  /** Makes a new random key for `entry` and saves its hash; answers the key (it is not kept). */
  async issue(entry: ApiKeyEntry): Promise<string> {
    const key = randomBytes(32).toString('base64url');
    const hash = hashApiKey(key);
    this.byHash.set(hash, entry);
    try {
      await this.save();
    } catch (err) {
      // A key that is not in the file would stop working at the next start: never hand it out.
      this.byHash.delete(hash);
      throw err;
    }
    return key;
  }

  /** Withdraws every key of the principals acting as `user`; answers how many. */
  async revokeUser(user: string): Promise<number> {
    const hashes = [...this.byHash].filter(([, e]) => e.user === user).map(([hash]) => hash);
    for (const hash of hashes) this.byHash.delete(hash);
    if (hashes.length > 0) await this.save();
    return hashes.length;
  }

  private save(): Promise<void> {
    const file = this.file;
    if (file === undefined) return Promise.resolve();
    const write = () => writeFileAtomic(file, `${JSON.stringify(Object.fromEntries(this.byHash), null, 2)}\n`, 0o600);
    this.saving = this.saving.then(write, write);
    return this.saving;
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
