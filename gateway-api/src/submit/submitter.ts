/**
 * The submit pipeline: endorse → send to the orderer → wait for the commit, as the caller's own
 * identity, and tell the caller what became of the write, as a plain {@link SubmitResult}:
 *
 * - **committed**: the commit was awaited (the default);
 * - **accepted**: with `waitForCommit: false`, as soon as the orderer has the transaction; the
 *   job is followed in the background;
 * - **failed**: the error is thrown (a `LedgerError`, or the chaincode's refusal at endorsement).
 *
 * Every write gets **a durable job** (transactionJobs.ts) as soon as a transaction ID exists, so
 * a timed-out one can be polled too and a restart finishes what was pending ({@link Submitter.recover}).
 * An MVCC or phantom-read conflict at commit is **retried** with a fresh proposal, `retries`
 * times, after a backoff with full jitter; `onRetry` is told each time.
 *
 * Once a transaction may have reached the orderer, a lost peer or a deadline does not lose it.
 * A transaction can die with the orderer that had it (a Raft leader killed before it cut the
 * block), so while a request waits, a commit that does not come within `resubmit.commitWaitMs`
 * (several block intervals) sends **the same transaction** again, and an orderer that cannot take
 * it (no leader yet) is tried again after a pause: the ledger commits a transaction ID once, so a
 * re-send never commits twice. `resubmit.answerWithinMs` after the request started, the caller gets the error (a
 * retryable 503/504 with the txId) and the job keeps being followed in the background. A
 * transaction the orderers report as already processed is never sent again: its commit status
 * settles it.
 *
 * The pipeline knows nothing of HTTP. What a resolved job keeps (type `A`) is made by the layer
 * above: by each request's `answer`, else by {@link JobAnswers}. http/writePipeline.ts keeps HTTP
 * answers, and hands them to idempotency keys through `onResolved`.
 *
 * @example
 * ```ts
 * const submitter = new Submitter<Answer>({ database, ledger, settings: DEFAULT_SUBMIT_SETTINGS, logger, answers, onResolved });
 * submitter.recover();   // at start-up: follow the jobs a previous run left pending
 * const result = await submitter.transact({ principal, log, waitForCommit: true, answerHint: 201 }, tx, answerOf);
 * if (result.kind === 'committed') use(result.answer);   // 'accepted': poll result.job
 * await submitter.close();
 * ```
 */
import type { DatabaseSync } from 'node:sqlite';
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { Principal } from '../auth/principal';
import type { CommitStatus, EndorsedTransaction, LedgerClient, SubmitOutcome, TransactionRequest } from '../fabric/ledgerClient';
import { LedgerError } from '../fabric/ledgerError';
import { backoffDelay, CONFLICT_CODES, DEFAULT_RETRY_POLICY, sleep, type RetryPolicy } from './retry';
import { TransactionJobs, type TransactionJob } from './transactionJobs';

const HOUR_MS = 3_600_000;

/** While a request waits: when to re-send its transaction, and when to answer it regardless. */
export interface ResubmitPolicy {
  /** How long to wait for the commit before sending the same transaction again. */
  readonly commitWaitMs: number;
  /** The pause before sending again when no orderer took the transaction. */
  readonly pauseMs: number;
  /** From the request's start: past this, the request gets the error and the job goes on in the background. */
  readonly answerWithinMs: number;
}

/**
 * Eight Raft block intervals (BatchTimeout 500 ms) per wait, so that a commit that is only slow is
 * rarely sent again: a re-sent transaction that had been ordered after all is a second,
 * `DUPLICATE_TXID`, entry in a later block, and the peers of a private data collection wait for
 * its private data (never to come) before they commit that block. An answer within 7 s of the
 * request: a write in flight when the Raft leader dies has its answer well within 10 s.
 */
export const DEFAULT_RESUBMIT_POLICY: ResubmitPolicy = { commitWaitMs: 4_000, pauseMs: 500, answerWithinMs: 7_000 };

export interface SubmitSettings {
  /** MVCC / phantom-read conflicts at commit: how many fresh proposals, and the backoff between them. */
  readonly conflictRetry: RetryPolicy;
  /** Re-sending a transaction whose commit does not come while its request waits. */
  readonly resubmit: ResubmitPolicy;
  /** How long a finished transaction job is kept (stays pollable). */
  readonly transactionTtlMs: number;
}

export const DEFAULT_SUBMIT_SETTINGS: SubmitSettings = {
  conflictRetry: DEFAULT_RETRY_POLICY,
  resubmit: DEFAULT_RESUBMIT_POLICY,
  transactionTtlMs: 7 * 24 * HOUR_MS,
};

/** What became of a write that did not fail (a failure is thrown). */
export type SubmitResult<A> =
  /** Committed; `answer` is what the request's `answer` made of `outcome`, as the job keeps it. */
  | { readonly kind: 'committed'; readonly outcome: SubmitOutcome; readonly answer: A }
  /** The orderer has it; the job resolves in the background. */
  | { readonly kind: 'accepted'; readonly job: TransactionJob<A> };

/** What a job keeps when it resolves without its request's own `answer`. */
export interface JobAnswers<A> {
  /** Committed after its request was gone (a restart): made from the job's `answerHint`. */
  committedWithoutRequest(job: TransactionJob<A>, outcome: SubmitOutcome): A;
  /** Failed with `err` (the error its request got, or would have got). */
  failed(err: unknown): A;
}

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

export interface SubmitterOptions<A> {
  readonly database: DatabaseSync;
  readonly ledger: LedgerClient;
  readonly settings: SubmitSettings;
  readonly logger: Logger;
  readonly answers: JobAnswers<A>;
  /** Told when a job resolves, with what it keeps. */
  readonly onResolved?: (job: TransactionJob<A>, answer: A) => void;
  readonly onRetry?: (event: RetryEvent) => void;
  /** For tests: the jitter's random source. */
  readonly random?: () => number;
}

/** One write's part in the pipeline. */
export interface SubmitContext<A> {
  readonly principal: Principal;
  readonly log: Logger;
  /** False: return `accepted` as soon as the orderer has the transaction, and follow it in the background. */
  readonly waitForCommit: boolean;
  /** Kept with the job, for {@link JobAnswers.committedWithoutRequest}. */
  readonly answerHint: number;
  /** Called once, when the write's transaction job exists. */
  readonly onJob?: (job: TransactionJob<A>) => void;
}

/** What the request that started a job still holds in memory: enough to retry, and its own `answer`. */
interface Live<A> {
  readonly tx: TransactionRequest;
  readonly answer: (outcome: SubmitOutcome) => A;
}

/** The attempt being followed. */
interface Attempt {
  readonly txId: string;
  readonly result: Uint8Array;
  readonly transaction: Uint8Array;
  submitted: boolean;
  /** The orderers reported it already processed: never send it again. */
  alreadyOrdered?: boolean;
}

/** Background following of a job: delays between tries when the ledger does not answer, then give up until the next start. */
const WATCH_POLICY: RetryPolicy = { retries: 20, baseDelayMs: 1_000, maxDelayMs: 30_000 };

export class Submitter<A> {
  readonly jobs: TransactionJobs<A>;
  private readonly background = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly options: SubmitterOptions<A>) {
    this.jobs = new TransactionJobs<A>(options.database);
  }

  /** Runs one write's transaction; `answer` makes what its job keeps once committed. */
  async transact(ctx: SubmitContext<A>, tx: TransactionRequest, answer: (outcome: SubmitOutcome) => A): Promise<SubmitResult<A>> {
    const { principal } = ctx;
    const answerBy = Date.now() + this.options.settings.resubmit.answerWithinMs;
    const endorsed = await this.options.ledger.endorse(principal, tx);
    const job = this.jobs.create(principal, endorsed, ctx.answerHint);
    ctx.onJob?.(job);
    ctx.log.child({ txId: endorsed.txId }).debug({ fn: tx.fn }, 'transaction endorsed');
    const live: Live<A> = { tx, answer };
    const attempt = toAttempt(endorsed);
    // Waiting for the commit: settle sends it, and again while the orderers do not take it.
    if (ctx.waitForCommit) return this.settle(job, attempt, live, ctx.log, answerBy);
    try {
      await this.send(principal, attempt);
    } catch (err) {
      if (!(err instanceof LedgerError && err.alreadyOrdered)) {
        this.follow(job, attempt, live, ctx.log);
        throw err;
      }
      this.markOrdered(attempt);
    }
    this.follow(job, attempt, live, ctx.log);
    return { kind: 'accepted', job };
  }

  /** Follows every job a previous run left pending, in the background (re-sending transactions the orderer may not have). */
  recover(): void {
    const pending = this.jobs.pending();
    if (pending.length > 0) this.options.logger.info({ jobs: pending.length }, 'following transactions left pending');
    for (const { job, txId, result, transaction, submitted } of pending) {
      this.follow(job, { txId, result, transaction, submitted }, undefined, this.options.logger);
    }
  }

  /** Deletes finished jobs older than `transactionTtlMs`; answers how many. */
  purge(now = Date.now()): number {
    if (this.closed) return 0;
    return this.jobs.purge(now - this.options.settings.transactionTtlMs);
  }

  /** Stops following jobs (they stay pending in the store, for the next start) and touching the database. */
  async close(): Promise<void> {
    this.closed = true;
  }

  /** Resolves when every background job being followed has stopped (for tests). */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  private async send(principal: Principal, attempt: Attempt, waitMs?: number): Promise<void> {
    await this.options.ledger.submit(principal, attempt.transaction, waitMs);
    attempt.submitted = true;
    if (!this.closed) this.jobs.markSubmitted(attempt.txId);
  }

  /** The orderers reported the attempt already processed: it is theirs, never send it again. */
  private markOrdered(attempt: Attempt): void {
    attempt.alreadyOrdered = true;
    attempt.submitted = true;
    if (!this.closed) this.jobs.markSubmitted(attempt.txId);
  }

  /** Keeps following a job in the background until it resolves, the watch gives up, or the submitter closes. */
  private follow(job: TransactionJob<A>, attempt: Attempt, live: Live<A> | undefined, baseLog: Logger): void {
    const run = this.settle(job, attempt, live, baseLog).then(
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
   * or failed. When the ledger does not answer: in a request (which must answer by `answerBy`)
   * the attempt is sent again until then, after which the error goes to the caller and the job
   * is followed in the background; in the background it is tried again.
   * Log lines carry the attempt's txId (`baseLog` has none, so a retry does not bind it twice).
   */
  private async settle(job: TransactionJob<A>, first: Attempt, live: Live<A> | undefined, baseLog: Logger, answerBy?: number): Promise<SubmitResult<A>> {
    const { ledger, settings } = this.options;
    let attempt = first;
    let log = baseLog.child({ txId: attempt.txId });
    let retries = 0;
    let watch = 0;
    const { resubmit } = settings;
    for (;;) {
      let status: CommitStatus;
      try {
        // In a request, each call within what is left of the budget (at least a pause), and a
        // commit waited for a few block intervals at a time; a send to an orderer that is down
        // would otherwise take the whole submit deadline.
        const left = answerBy !== undefined ? Math.max(answerBy - Date.now(), resubmit.pauseMs) : undefined;
        if (!attempt.submitted) await this.send(job.principal, attempt, left);
        const waitMs = answerBy !== undefined ? Math.min(resubmit.commitWaitMs, Math.max(answerBy - Date.now(), resubmit.pauseMs)) : undefined;
        status = await ledger.commitStatus(job.principal, attempt.txId, waitMs);
      } catch (err) {
        if (this.closed) throw new Closed();
        if (err instanceof LedgerError && err.alreadyOrdered) {
          // Ordered already (a send that seemed lost was not): settle from its commit status, never re-send.
          log.info('orderers already have the transaction; waiting for its commit');
          this.markOrdered(attempt);
          continue;
        }
        // No commit by the deadline may mean the orderer lost it: send the same transaction again.
        const noCommit = err instanceof LedgerError && err.phase === 'commitStatus' && err.grpcCode === GrpcStatus.DEADLINE_EXCEEDED;
        if (noCommit && !attempt.alreadyOrdered) attempt.submitted = false;
        if (answerBy !== undefined) {
          const retryable = noCommit || (err instanceof LedgerError && (err.unavailable || err.grpcCode === GrpcStatus.DEADLINE_EXCEEDED));
          if (retryable && Date.now() < answerBy) {
            if (noCommit) log.info('no commit within a few blocks; sending the same transaction again');
            else await sleep(Math.min(resubmit.pauseMs, answerBy - Date.now()));
            continue;
          }
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
        const answer = live ? live.answer(outcome) : this.options.answers.committedWithoutRequest(job, outcome);
        this.finish(job, answer, status.blockNumber);
        log.info({ blockNumber: Number(status.blockNumber), attempts: retries + 1 }, 'transaction committed');
        return { kind: 'committed', outcome, answer };
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
          if (!this.closed) this.finish(job, this.options.answers.failed(err));
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
      this.finish(job, this.options.answers.failed(err));
      log.warn({ validationCode: status.validationCode, attempts: retries + 1 }, 'transaction invalidated');
      throw err;
    }
  }

  /** Records what a resolved job keeps, and tells `onResolved`. */
  private finish(job: TransactionJob<A>, answer: A, blockNumber?: bigint): void {
    const resolved = blockNumber !== undefined ? this.jobs.commit(job.id, blockNumber, answer) : this.jobs.fail(job.id, answer);
    this.options.onResolved?.(resolved, answer);
  }
}

/** The submitter closed while a job was followed: stop quietly, the job stays pending. */
class Closed extends Error {}

function toAttempt(endorsed: EndorsedTransaction): Attempt {
  return { txId: endorsed.txId, result: endorsed.result, transaction: endorsed.transaction, submitted: false };
}
