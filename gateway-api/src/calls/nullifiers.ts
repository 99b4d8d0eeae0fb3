/**
 * Ballot nullifiers: the issuing department's gateway turns a citizen's pseudonym into a
 * per-round nullifier, HMAC-SHA256(key, roundId NUL citizenId), with a key only this gateway
 * holds. The ledger sees the nullifier, never the pseudonym; without the key nobody can tell
 * whose it is, and the same citizen always gets the same nullifier in a round, so a second
 * ballot replaces the first. The key is generated on first start into the gateway's runtime
 * folder (mode 0600); a key file others may read is refused.
 *
 * @example
 * ```ts
 * const nullifiers = NullifierKey.loadOrCreate('.runtime/homes/registry/gateway/nullifier.key');
 * nullifiers.nullifier('PB-2026', 'CIT-7f3a9c');   // 64 hex characters
 * const { receipt, receiptHash } = newReceipt();   // the voter keeps receipt; the ledger gets receiptHash
 * ```
 */
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { sha256Hex } from '@city-ledger/domain';
import { ConfigError } from '../configError';
import { modeTooOpen } from '../secretFileMode';

const VARIABLE = 'CITY_GATEWAY_NULLIFIER_KEY';

/** Bytes of a generated key. */
const KEY_BYTES = 32;

export class NullifierKey {
  private constructor(private readonly key: Buffer) {}

  /** The key in `file`, created (32 random bytes, hex, mode 0600) when the file does not exist; ConfigError when it is unusable. */
  static loadOrCreate(file: string): NullifierKey {
    try {
      writeFileSync(file, `${randomBytes(KEY_BYTES).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new ConfigError(VARIABLE, `cannot create ${file}: ${(err as Error).message}`);
    }
    const wide = modeTooOpen(statSync(file).mode);
    if (wide) throw new ConfigError(VARIABLE, `${file} has mode ${wide}; the nullifier key must be 0600 or tighter (chmod 600 ${file})`);
    const hex = readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64,}$/.test(hex)) throw new ConfigError(VARIABLE, `${file} must hold at least 32 bytes as lower-case hex`);
    return new NullifierKey(Buffer.from(hex, 'hex'));
  }

  /** A key for tests. */
  static of(key: Buffer): NullifierKey {
    return new NullifierKey(key);
  }

  /** The nullifier of `citizenId` in round `roundId`. */
  nullifier(roundId: string, citizenId: string): string {
    return createHmac('sha256', this.key).update(`${roundId}\u0000${citizenId}`).digest('hex');
  }
}

/** A fresh receipt code for the voter and its SHA-256 for the ledger. */
export function newReceipt(): { receipt: string; receiptHash: string } {
  const receipt = randomBytes(32).toString('hex');
  return { receipt, receiptHash: sha256Hex(receipt) };
}
