/**
 * `Idempotency-Key`: a client that sends the same write twice with the same key gets the first
 * answer again (`Idempotency-Replayed: true`) and the ledger gets one transaction.
 *
 * Records are per principal and key, and remember a fingerprint of the request (method, path
 * and canonical JSON body): the same key with another request is refused (422
 * `IDEMPOTENCY_KEY_REUSED`), and a repeat while the first is still running is refused (409
 * `IDEMPOTENCY_IN_PROGRESS`).
 *
 * What is kept ({@link isFinal}): successes (including an async 202) and the chaincode's
 * refusals (4xx), so a repeat gets the same answer. Not kept, so the client may simply retry:
 * answers where nothing was committed for sure and a retry may succeed (5xx before the
 * transaction reached the orderer, `MVCC_CONFLICT` after the last retry). A request that timed out
 * after its transaction reached the orderer stays bound to that transaction, and takes its
 * final answer when the transaction resolves (until then a repeat gets 409). Records expire
 * after the configured time (24 h by default); pending ones do not expire before they resolve.
 *
 * Table (schema version 1): `idempotency_keys`.
 *
 * @example
 * ```ts
 * const keys = new IdempotencyStore(database, 24 * 3600_000);
 * const key = parseIdempotencyKey(req.get('idempotency-key'));   // throws 400 on a bad key
 * const found = keys.reserve(principal.id, key, requestFingerprint('POST', '/v1/parcels', body));
 * if (found.kind === 'replay') sendAnswer(res, found.answer, { 'Idempotency-Replayed': 'true' });
 * ```
 */
import type { DatabaseSync } from 'node:sqlite';
import { canonicalJson, sha256Hex } from '@city-ledger/domain';
import { HttpProblem, Problems } from '../errors';
import { schemaVersion } from '../store/database';
import { parseAnswer, problemCode, serializeAnswer, type Answer } from './answer';

/** 8-255 characters, letters, digits and `-_.:~+/=` (UUIDs, ULIDs, base64); may be sent quoted (RFC 8941 string). */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9\-_.:~+/=]{8,255}$/;

/** The key of a request, or undefined without the header; 400 `INVALID_ARGUMENT` for a malformed key. */
export function parseIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const key = /^"(.*)"$/.exec(header)?.[1] ?? header;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw Problems.invalidArgument('the Idempotency-Key header is malformed', [
      { path: '/headers/idempotency-key', message: 'must be 8-255 characters from A-Z a-z 0-9 - _ . : ~ + / =' },
    ]);
  }
  return key;
}

/** What identifies a request for idempotency: its method, path and canonical body. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return sha256Hex(`${method.toUpperCase()} ${path}\n${canonicalJson(body ?? null)}`);
}

/** True for an answer a repeat should get again. */
export function isFinal(answer: Answer): boolean {
  return answer.status < 500 && problemCode(answer) !== 'MVCC_CONFLICT';
}

export type Reservation =
  | { readonly kind: 'reserved' }
  | { readonly kind: 'replay'; readonly answer: Answer };

const SCHEMA_VERSION = 1;

interface KeyRow {
  fingerprint: string;
  job_id: string | null;
  answer: string | null;
  expires_at: number;
}

export class IdempotencyStore {
  constructor(
    private readonly database: DatabaseSync,
    private readonly ttlMs: number,
  ) {
    schemaVersion(database, 'idempotency_keys', SCHEMA_VERSION);
    database.exec(`
      CREATE TABLE IF NOT EXISTS idempotency_keys (
        principal TEXT NOT NULL,
        key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        job_id TEXT,
        answer TEXT,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (principal, key)
      );
      CREATE INDEX IF NOT EXISTS idempotency_keys_job ON idempotency_keys (job_id);
    `);
  }

  /**
   * Claims `key` for a new request, or says what to answer instead: the stored answer, or a 409
   * / 422 problem (thrown). Synchronous, so two requests cannot both claim the same key.
   */
  reserve(principal: string, key: string, fingerprint: string, now = Date.now()): Reservation {
    const row = this.database.prepare('SELECT fingerprint, job_id, answer, expires_at FROM idempotency_keys WHERE principal = ? AND key = ?').get(principal, key) as
      | KeyRow
      | undefined;
    const live = row && (row.answer === null || row.expires_at > now);
    if (row && live) {
      if (row.fingerprint !== fingerprint) {
        throw new HttpProblem('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different request; use a new key');
      }
      if (row.answer === null) {
        throw new HttpProblem('IDEMPOTENCY_IN_PROGRESS', 'a request with this Idempotency-Key is still running; ask again later', {
          ...(row.job_id !== null ? { txId: row.job_id } : {}),
        });
      }
      return { kind: 'replay', answer: parseAnswer(row.answer) };
    }
    this.database
      .prepare(
        `INSERT INTO idempotency_keys (principal, key, fingerprint, job_id, answer, created_at, expires_at) VALUES (?, ?, ?, NULL, NULL, ?, ?)
         ON CONFLICT (principal, key) DO UPDATE SET fingerprint = excluded.fingerprint, job_id = NULL, answer = NULL,
           created_at = excluded.created_at, expires_at = excluded.expires_at`,
      )
      .run(principal, key, fingerprint, now, now + this.ttlMs);
    return { kind: 'reserved' };
  }

  /** The request has started transaction job `jobId`: from now on the key belongs to its fate. */
  bindJob(principal: string, key: string, jobId: string): void {
    this.database.prepare('UPDATE idempotency_keys SET job_id = ? WHERE principal = ? AND key = ?').run(jobId, principal, key);
  }

  /** Keeps the request's answer, or frees the key if the answer is not {@link isFinal}. */
  finish(principal: string, key: string, answer: Answer, now = Date.now()): void {
    if (isFinal(answer)) {
      this.database
        .prepare('UPDATE idempotency_keys SET answer = ?, expires_at = ? WHERE principal = ? AND key = ?')
        .run(serializeAnswer(answer), now + this.ttlMs, principal, key);
    } else {
      this.release(principal, key);
    }
  }

  /** Frees the key: the next request with it runs. */
  release(principal: string, key: string): void {
    this.database.prepare('DELETE FROM idempotency_keys WHERE principal = ? AND key = ?').run(principal, key);
  }

  /** Transaction job `jobId` has resolved: keys still waiting on it take its answer (or are freed). */
  settleJob(jobId: string, answer: Answer, now = Date.now()): void {
    const waiting = this.database.prepare('SELECT principal, key FROM idempotency_keys WHERE job_id = ? AND answer IS NULL').all(jobId) as unknown as {
      principal: string;
      key: string;
    }[];
    for (const { principal, key } of waiting) this.finish(principal, key, answer, now);
  }

  /** Keys left running by a previous process, with the job each is bound to (if any). */
  unfinished(): { principal: string; key: string; jobId?: string }[] {
    const rows = this.database.prepare('SELECT principal, key, job_id FROM idempotency_keys WHERE answer IS NULL').all() as unknown as {
      principal: string;
      key: string;
      job_id: string | null;
    }[];
    return rows.map((r) => ({ principal: r.principal, key: r.key, ...(r.job_id !== null ? { jobId: r.job_id } : {}) }));
  }

  /** Deletes expired answers. */
  purge(now = Date.now()): number {
    return Number(this.database.prepare('DELETE FROM idempotency_keys WHERE answer IS NOT NULL AND expires_at <= ?').run(now).changes);
  }
}
