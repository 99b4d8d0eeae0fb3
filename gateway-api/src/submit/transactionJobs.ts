/**
 * Durable records of submitted transactions ("jobs"), so that an asynchronous write, or a
 * synchronous one that ran out of time, can be polled at `/v1/transactions/{txId}` and finished
 * after a gateway restart.
 *
 * A job is named by its first transaction ID. A conflict retry is a new attempt with a new
 * transaction ID, recorded under the same job, so any of its transaction IDs finds it. Each
 * attempt keeps its transaction envelope (no transient data in it) to be re-sent if the
 * orderer may not have received it.
 *
 * A resolved job keeps an answer of type `A`, which the pipeline does not read: the layer above
 * makes it (the HTTP layer: the route's answer, or the problem) and stores it as JSON.
 *
 * Tables (schema version 1): `submit_jobs`, `submit_attempts`.
 *
 * @example
 * ```ts
 * const jobs = new TransactionJobs<Answer>(database);
 * const job = jobs.create(principal, endorsed, 201);
 * jobs.markSubmitted(endorsed.txId);
 * jobs.commit(job.id, 12n, answer);
 * jobs.find('tx1');   // { id: 'tx1', state: 'committed', blockNumber: 12, answer, … }
 * ```
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Principal } from '../auth/principal';
import type { EndorsedTransaction } from '../fabric/ledgerClient';
import { schemaVersion } from '../store/database';

export type JobState = 'pending' | 'committed' | 'failed';

export interface TransactionJob<A = unknown> {
  /** The first attempt's transaction ID. */
  readonly id: string;
  readonly principal: Principal;
  readonly state: JobState;
  /** The latest attempt's transaction ID. */
  readonly txId: string;
  readonly attempts: number;
  /** Kept for the layer above, to answer a job that resolves without its request (after a restart). */
  readonly answerHint: number;
  readonly blockNumber?: number;
  /** What the layer above made of the job once resolved (committed or failed). */
  readonly answer?: A;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A pending job's latest attempt: what is needed to finish it. */
export interface PendingAttempt<A> {
  readonly job: TransactionJob<A>;
  readonly txId: string;
  readonly transaction: Uint8Array;
  readonly result: Uint8Array;
  /** False when the gateway may have stopped before the orderer got it. */
  readonly submitted: boolean;
}

const SCHEMA_VERSION = 1;

interface JobRow {
  id: string;
  principal: string;
  state: JobState;
  tx_id: string;
  attempts: number;
  success_status: number;
  block_number: number | null;
  answer: string | null;
  created_at: number;
  updated_at: number;
}

export class TransactionJobs<A = unknown> {
  constructor(private readonly database: DatabaseSync) {
    schemaVersion(database, 'submit_jobs', SCHEMA_VERSION);
    database.exec(`
      CREATE TABLE IF NOT EXISTS submit_jobs (
        id TEXT PRIMARY KEY,
        principal_id TEXT NOT NULL,
        principal TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'committed', 'failed')),
        tx_id TEXT NOT NULL,
        success_status INTEGER NOT NULL,
        block_number INTEGER,
        answer TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS submit_jobs_state ON submit_jobs (state, updated_at);
      CREATE TABLE IF NOT EXISTS submit_attempts (
        tx_id TEXT PRIMARY KEY,
        job_id TEXT NOT NULL REFERENCES submit_jobs (id) ON DELETE CASCADE,
        transaction_bytes BLOB NOT NULL,
        result BLOB NOT NULL,
        submitted INTEGER NOT NULL DEFAULT 0,
        validation_code TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS submit_attempts_job ON submit_attempts (job_id);
    `);
  }

  /** Records a new job and its first attempt, pending. */
  create(principal: Principal, endorsed: EndorsedTransaction, answerHint: number, now = Date.now()): TransactionJob<A> {
    this.database
      .prepare('INSERT INTO submit_jobs (id, principal_id, principal, state, tx_id, success_status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(endorsed.txId, principal.id, JSON.stringify(principal), 'pending', endorsed.txId, answerHint, now, now);
    this.insertAttempt(endorsed.txId, endorsed, now);
    return this.get(endorsed.txId);
  }

  /** Records a retry of `jobId` as its latest attempt. */
  addAttempt(jobId: string, endorsed: EndorsedTransaction, now = Date.now()): void {
    this.insertAttempt(jobId, endorsed, now);
    this.database.prepare('UPDATE submit_jobs SET tx_id = ?, updated_at = ? WHERE id = ?').run(endorsed.txId, now, jobId);
  }

  /** The orderer has the attempt `txId`. */
  markSubmitted(txId: string): void {
    this.database.prepare('UPDATE submit_attempts SET submitted = 1 WHERE tx_id = ?').run(txId);
  }

  /** The validation code attempt `txId` committed with. */
  recordValidation(txId: string, validationCode: string): void {
    this.database.prepare('UPDATE submit_attempts SET validation_code = ? WHERE tx_id = ?').run(validationCode, txId);
  }

  commit(jobId: string, blockNumber: bigint, answer: A, now = Date.now()): TransactionJob<A> {
    this.database
      .prepare("UPDATE submit_jobs SET state = 'committed', block_number = ?, answer = ?, updated_at = ? WHERE id = ?")
      .run(blockNumber, JSON.stringify(answer), now, jobId);
    return this.get(jobId);
  }

  fail(jobId: string, answer: A, now = Date.now()): TransactionJob<A> {
    this.database.prepare("UPDATE submit_jobs SET state = 'failed', answer = ?, updated_at = ? WHERE id = ?").run(JSON.stringify(answer), now, jobId);
    return this.get(jobId);
  }

  /** The job one of whose attempts is `txId`. */
  find(txId: string): TransactionJob<A> | undefined {
    const row = this.database.prepare(`${JOB_SELECT} WHERE j.id = (SELECT job_id FROM submit_attempts WHERE tx_id = ?)`).get(txId) as JobRow | undefined;
    return row && toJob<A>(row);
  }

  get(jobId: string): TransactionJob<A> {
    const row = this.database.prepare(`${JOB_SELECT} WHERE j.id = ?`).get(jobId) as JobRow | undefined;
    if (!row) throw new Error(`no transaction job ${jobId}`);
    return toJob<A>(row);
  }

  /** Every pending job with its latest attempt, oldest first. */
  pending(): PendingAttempt<A>[] {
    const rows = this.database
      .prepare(`${JOB_SELECT} WHERE j.state = 'pending' ORDER BY j.created_at`)
      .all() as unknown as JobRow[];
    return rows.map((row) => {
      const attempt = this.database
        .prepare('SELECT transaction_bytes, result, submitted FROM submit_attempts WHERE tx_id = ?')
        .get(row.tx_id) as { transaction_bytes: Uint8Array; result: Uint8Array; submitted: number };
      return { job: toJob<A>(row), txId: row.tx_id, transaction: attempt.transaction_bytes, result: attempt.result, submitted: attempt.submitted === 1 };
    });
  }

  /** Deletes finished jobs last changed before `before`; pending ones stay until they finish. */
  purge(before: number): number {
    return Number(this.database.prepare("DELETE FROM submit_jobs WHERE state <> 'pending' AND updated_at < ?").run(before).changes);
  }

  private insertAttempt(jobId: string, endorsed: EndorsedTransaction, now: number): void {
    this.database
      .prepare('INSERT INTO submit_attempts (tx_id, job_id, transaction_bytes, result, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(endorsed.txId, jobId, endorsed.transaction, endorsed.result, now);
  }
}

const JOB_SELECT = `SELECT j.id, j.principal, j.state, j.tx_id, j.success_status, j.block_number, j.answer, j.created_at, j.updated_at,
  (SELECT COUNT(*) FROM submit_attempts a WHERE a.job_id = j.id) AS attempts FROM submit_jobs j`;

function toJob<A>(row: JobRow): TransactionJob<A> {
  return {
    id: row.id,
    principal: JSON.parse(row.principal) as Principal,
    state: row.state,
    txId: row.tx_id,
    attempts: Number(row.attempts),
    answerHint: row.success_status,
    ...(row.block_number !== null ? { blockNumber: Number(row.block_number) } : {}),
    ...(row.answer !== null ? { answer: JSON.parse(row.answer) as A } : {}),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
