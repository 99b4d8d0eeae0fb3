/**
 * The submit pipeline behind `RouteContext.transact`: endorse → send to the orderer → wait for
 * the commit, as the caller's own identity, with
 *
 * - **sync or async**: by default the write answers once committed (the route's answer); with
 *   `Prefer: respond-async` it answers 202 once the orderer has the transaction, with
 *   `Location: /v1/transactions/{txId}`, and finishes in the background;
 * - **a durable job** per write (transactionJobs.ts), created as soon as a transaction ID exists,
 *   so a 504 is pollable too and a restart finishes what was pending ({@link Submitter.recover});
 * - **conflict retries**: an MVCC or phantom-read conflict at commit is retried with a fresh
 *   proposal, `retries` times, after a backoff with full jitter; `onRetry` is told each time;
 *   after the last, 409 `MVCC_CONFLICT`;
 * - **idempotency keys** (idempotency.ts), per request (submission.ts).
 *
 * Once a transaction may have reached the orderer, a lost peer or a deadline does not lose it:
 * the client gets 503/504 with the txId, and the job keeps being followed in the background
 * (re-sending the same transaction after a deadline: the ledger commits a transaction ID once).
 *
 * @example
 * ```ts
 * const submitter = new Submitter({ database, ledger, settings: DEFAULT_SUBMIT_SETTINGS, logger, onRetry: (e) => retries.inc({ reason: e.reason }) });
 * submitter.recover();   // at start-up: finish jobs a previous run left pending
 * createApp({ …, submitter });
 * await submitter.close();
 * ```
 */
import type { DatabaseSync } from 'node:sqlite';
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { Principal } from '../auth/principal';
import type { CommitStatus, EndorsedTransaction, LedgerClient, SubmitOutcome } from '../fabric/ledgerClient';
import { LedgerError } from '../fabric/ledgerError';
import type { Respond, RouteResult, TransactionRequest } from '../http/route';
import { submitted } from '../http/writeResults';
import { answerOfError, answerOfResult, type Answer } from './answer';
import { IdempotencyStore } from './idempotency';
import { backoffDelay, CONFLICT_CODES, DEFAULT_RETRY_POLICY, sleep, type RetryPolicy } from './retry';
import { TransactionJobs, type TransactionJob } from './transactionJobs';
import { transactionLocation, transactionView } from './transactionView';

const HOUR_MS = 3_600_000;

export interface SubmitSettings {
  /** MVCC / phantom-read conflicts at commit: how many fresh proposals, and the backoff between them. */
  readonly conflictRetry: RetryPolicy;
  /** How long an idempotency key's answer is kept. */
  readonly idempotencyTtlMs: number;
  /** How long a finished transaction job stays pollable. */
  readonly transactionTtlMs: number;
}

export const DEFAULT_SUBMIT_SETTINGS: SubmitSettings = {
  conflictRetry: DEFAULT_RETRY_POLICY,
  idempotencyTtlMs: 24 * HOUR_MS,
  transactionTtlMs: 7 * 24 * HOUR_MS,
};

/** A conflict that is being retried (for metrics). */
export interface RetryEvent {
  /** The validation code: `MVCC_READ_CONFLICT` or `PHANTOM_READ_CONFLICT`. */
  readonly reason: string;
  /** 1 for the first retry. */
  readonly retry: number;
  /** The transaction that conflicted. */
  readonly txId: string;
  readonly delayMs: number;
}

export interface SubmitterOptions {
  readonly database: DatabaseSync;
  readonly ledger: LedgerClient;
  readonly settings: SubmitSettings;
  readonly logger: Logger;
  readonly onRetry?: (event: RetryEvent) => void;
  /** For tests: the jitter's random source. */
  readonly random?: () => number;
}

/** One write request's part in the pipeline. */
export interface SubmitContext {
  readonly principal: Principal;
  readonly log: Logger;
  /** `Prefer: respond-async`. */
  readonly respondAsync: boolean;
  /** The route's success status: a job finished after a restart answers with it. */
  readonly successStatus: number;
  /** Called once, when the request's transaction job exists. */
  readonly onJob?: (job: TransactionJob) => void;
}

/** What the request that started a job still holds in memory: enough to retry and to answer as the route. */
interface Live {
  readonly tx: TransactionRequest;
  readonly respond: Respond;
}

/** The attempt being followed. */
interface Attempt {
  readonly txId: string;
  readonly result: Uint8Array;
  readonly transaction: Uint8Array;
  submitted: boolean;
}

/** Background following of a job: delays between tries when the ledger does not answer, then give up until the next start. */
const WATCH_POLICY: RetryPolicy = { retries: 20, baseDelayMs: 1_000, maxDelayMs: 30_000 };

export class Submitter {
  readonly jobs: TransactionJobs;
  readonly idempotency: IdempotencyStore;
  private readonly background = new Set<Promise<void>>();
  private purgeTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: SubmitterOptions) {
    this.jobs = new TransactionJobs(options.database);
    this.idempotency = new IdempotencyStore(options.database, options.settings.idempotencyTtlMs);
  }

  /** Runs a route's transaction for one request; answers as the route (sync) or 202 (async). */
  async transact(ctx: SubmitContext, tx: TransactionRequest, respond: Respond): Promise<RouteResult> {
    const { principal } = ctx;
    const endorsed = await this.options.ledger.endorse(principal, tx);
    const job = this.jobs.create(principal, endorsed, ctx.successStatus);
    ctx.onJob?.(job);
    ctx.log.child({ txId: endorsed.txId }).debug({ fn: tx.fn }, 'transaction endorsed');
    const live: Live = { tx, respond };
    const attempt = toAttempt(endorsed);
    try {
      await this.send(principal, attempt);
    } catch (err) {
      this.follow(job, attempt, live, ctx.log);
      throw err;
    }
    if (ctx.respondAsync) {
      this.follow(job, attempt, live, ctx.log);
      return { status: 202, headers: { Location: transactionLocation(job.id), 'Preference-Applied': 'respond-async' }, body: transactionView(job) };
    }
    return this.settle(job, attempt, live, ctx.log, true);
  }

  /**
   * Finishes what a previous run left: frees idempotency keys whose request died before its
   * transaction existed, and follows every pending job in the background (re-sending
   * transactions the orderer may not have). Also purges expired records, now and hourly.
   */
  recover(): void {
    for (const { principal, key, jobId } of this.idempotency.unfinished()) {
      const job = jobId !== undefined ? this.jobs.find(jobId) : undefined;
      if (!job) this.idempotency.release(principal, key);
      else if (job.answer) this.idempotency.settleJob(job.id, job.answer);
    }
    const pending = this.jobs.pending();
    if (pending.length > 0) this.options.logger.info({ jobs: pending.length }, 'following transactions left pending');
    for (const { job, txId, result, transaction, submitted } of pending) {
      this.follow(job, { txId, result, transaction, submitted }, undefined, this.options.logger);
    }
    this.purge();
    this.purgeTimer ??= setInterval(() => this.purge(), HOUR_MS).unref();
  }

  /** Deletes expired idempotency answers and old finished jobs. */
  purge(now = Date.now()): void {
    if (this.closed) return;
    const keys = this.idempotency.purge(now);
    const jobs = this.jobs.purge(now - this.options.settings.transactionTtlMs);
    if (keys + jobs > 0) this.options.logger.debug({ keys, jobs }, 'purged expired submit records');
  }

  /** Stops following jobs (they stay pending in the store, for the next start) and touching the database. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.purgeTimer);
  }

  /** Resolves when every background job being followed has stopped (for tests). */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  private async send(principal: Principal, attempt: Attempt): Promise<void> {
    await this.options.ledger.submit(principal, attempt.transaction);
    attempt.submitted = true;
    if (!this.closed) this.jobs.markSubmitted(attempt.txId);
  }

  /** Keeps following a job in the background until it resolves, the watch gives up, or the submitter closes. */
  private follow(job: TransactionJob, attempt: Attempt, live: Live | undefined, baseLog: Logger): void {
    const run = this.settle(job, attempt, live, baseLog, false).then(
      () => undefined,
      (err: unknown) => {
        if (!(err instanceof Closed)) baseLog.debug({ err, jobId: job.id }, 'background transaction ended in failure');
      },
    );
    this.background.add(run);
    void run.finally(() => this.background.delete(run));
  }

  /**
   * Waits for the attempt's commit and resolves the job: committed, retried after a conflict,
   * or failed. When the ledger does not answer: in a request (`inRequest`) the error goes to the
   * client and the job is followed in the background; in the background it is tried again.
   * Log lines carry the attempt's txId (`baseLog` has none, so a retry does not bind it twice).
   */
  private async settle(job: TransactionJob, first: Attempt, live: Live | undefined, baseLog: Logger, inRequest: boolean): Promise<RouteResult> {
    const { ledger, settings } = this.options;
    let attempt = first;
    let log = baseLog.child({ txId: attempt.txId });
    let retries = 0;
    let watch = 0;
    for (;;) {
      let status: CommitStatus;
      try {
        if (!attempt.submitted) await this.send(job.principal, attempt);
        status = await ledger.commitStatus(job.principal, attempt.txId);
      } catch (err) {
        if (this.closed) throw new Closed();
        // No commit by the deadline may mean the orderer never got it: send the same transaction again.
        if (err instanceof LedgerError && err.phase === 'commitStatus' && err.grpcCode === GrpcStatus.DEADLINE_EXCEEDED) attempt.submitted = false;
        if (inRequest) {
          this.follow(job, attempt, live, baseLog);
          throw err;
        }
        if (watch >= WATCH_POLICY.retries) {
          log.warn({ err }, 'transaction still unresolved; it stays pending until the gateway restarts');
          throw err;
        }
        await sleep(backoffDelay(WATCH_POLICY, watch++, this.options.random));
        continue;
      }
      if (this.closed) throw new Closed();
      this.jobs.recordValidation(attempt.txId, status.validationCode);

      if (status.valid) {
        const outcome: SubmitOutcome = { txId: attempt.txId, blockNumber: status.blockNumber, result: attempt.result };
        const result = live ? live.respond(outcome) : submitted(job.successStatus === 201 ? 201 : 200, outcome);
        this.finish(job, answerOfResult(result), status.blockNumber);
        log.info({ blockNumber: Number(status.blockNumber), attempts: retries + 1 }, 'transaction committed');
        return result;
      }

      if (CONFLICT_CODES.has(status.validationCode) && live && retries < settings.conflictRetry.retries) {
        const delayMs = backoffDelay(settings.conflictRetry, retries, this.options.random);
        retries += 1;
        this.options.onRetry?.({ reason: status.validationCode, retry: retries, txId: attempt.txId, delayMs });
        log.info({ reason: status.validationCode, retry: retries, delayMs }, 'conflict at commit; retrying with a fresh proposal');
        await sleep(delayMs);
        let endorsed: EndorsedTransaction;
        try {
          endorsed = await ledger.endorse(job.principal, live.tx);
        } catch (err) {
          if (!this.closed) this.finish(job, answerOfError(err));
          throw err;
        }
        if (this.closed) throw new Closed();
        this.jobs.addAttempt(job.id, endorsed);
        attempt = toAttempt(endorsed);
        log = baseLog.child({ txId: endorsed.txId, jobId: job.id });
        continue;
      }

      const err = new LedgerError({
        phase: 'commit',
        message: `transaction ${attempt.txId} failed to commit: ${status.validationCode}`,
        txId: attempt.txId,
        validationCode: status.validationCode,
      });
      this.finish(job, answerOfError(err));
      log.warn({ validationCode: status.validationCode, attempts: retries + 1 }, 'transaction invalidated');
      throw err;
    }
  }

  /** Records a job's final answer, and gives it to idempotency keys waiting on the job. */
  private finish(job: TransactionJob, answer: Answer, blockNumber?: bigint): void {
    if (blockNumber !== undefined) this.jobs.commit(job.id, blockNumber, answer);
    else this.jobs.fail(job.id, answer);
    this.idempotency.settleJob(job.id, answer);
  }
}

/** The submitter closed while a job was followed: stop quietly, the job stays pending. */
class Closed extends Error {}

function toAttempt(endorsed: EndorsedTransaction): Attempt {
  return { txId: endorsed.txId, result: endorsed.result, transaction: endorsed.transaction, submitted: false };
}
