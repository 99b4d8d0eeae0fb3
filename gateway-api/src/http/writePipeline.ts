/**
 * The write side of the HTTP API: the submit pipeline (submit/submitter.ts) keeping HTTP
 * {@link Answer}s, and the idempotency keys (idempotency.ts) that replay them. It turns what the
 * pipeline reports into answers:
 *
 * - committed: the route's answer (`respond`), which the job keeps too;
 * - accepted as a job (`Prefer: respond-async`): 202 with `Location: /v1/transactions/{txId}`
 *   and the job's view;
 * - failed: the error goes on to the problem handler (errors.ts); the job keeps the problem.
 *
 * A job that commits after a restart, without its route in memory, keeps the route's success
 * status and the standard write answer (writeResults.ts). At start-up {@link WritePipeline.recover}
 * finishes what a previous run left, and expired records are purged hourly.
 *
 * @example
 * ```ts
 * const writes = new WritePipeline({ database, ledger, settings: DEFAULT_WRITE_SETTINGS, logger, onRetry: (e) => retries.inc({ reason: e.reason }) });
 * writes.recover();
 * createApp({ …, submitter: writes });
 * await writes.close();
 * ```
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Logger } from 'pino';
import type { Principal } from '../auth/principal';
import type { LedgerClient } from '../fabric/ledgerClient';
import { DEFAULT_SUBMIT_SETTINGS, Submitter, type JobAnswers, type SubmitSettings, type SubmitterOptions } from '../submit/submitter';
import type { TransactionJob, TransactionJobs } from '../submit/transactionJobs';
import { answerOfError, answerOfResult, resultOfAnswer, type Answer } from './answer';
import { IdempotencyStore } from './idempotency';
import type { Respond, RouteResult, TransactionRequest } from './route';
import { transactionLocation, transactionView } from './transactionView';
import { submitted } from './writeResults';

const HOUR_MS = 3_600_000;

/** The submit pipeline's settings, and how long an `Idempotency-Key`'s answer is kept. */
export interface WriteSettings extends SubmitSettings {
  readonly idempotencyTtlMs: number;
}

export const DEFAULT_WRITE_SETTINGS: WriteSettings = { ...DEFAULT_SUBMIT_SETTINGS, idempotencyTtlMs: 24 * HOUR_MS };

export interface WritePipelineOptions {
  readonly database: DatabaseSync;
  readonly ledger: LedgerClient;
  readonly settings: WriteSettings;
  readonly logger: Logger;
  readonly onRetry?: SubmitterOptions<Answer>['onRetry'];
  /** For tests: the jitter's random source. */
  readonly random?: () => number;
}

/** One write request's part (writeRequest.ts). */
export interface WriteContext {
  readonly principal: Principal;
  readonly log: Logger;
  /** `Prefer: respond-async`. */
  readonly respondAsync: boolean;
  /** The route's success status: a job finished after a restart answers with it. */
  readonly successStatus: number;
  /** Called once, when the request's transaction job exists. */
  readonly onJob?: (job: TransactionJob<Answer>) => void;
}

/** What a job keeps when its route is not there to answer. */
const JOB_ANSWERS: JobAnswers<Answer> = {
  committedWithoutRequest: (job, outcome) => answerOfResult(submitted(job.answerHint === 201 ? 201 : 200, outcome)),
  failed: answerOfError,
};

export class WritePipeline {
  readonly jobs: TransactionJobs<Answer>;
  readonly idempotency: IdempotencyStore;
  private readonly submitter: Submitter<Answer>;
  private purgeTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: WritePipelineOptions) {
    const { database, ledger, settings, logger, onRetry, random } = options;
    this.idempotency = new IdempotencyStore(database, settings.idempotencyTtlMs);
    this.submitter = new Submitter<Answer>({
      database,
      ledger,
      settings,
      logger,
      answers: JOB_ANSWERS,
      // Keys bound to the job (a request that timed out after ordering) take its final answer.
      onResolved: (job, answer) => this.idempotency.settleJob(job.id, answer),
      ...(onRetry ? { onRetry } : {}),
      ...(random ? { random } : {}),
    });
    this.jobs = this.submitter.jobs;
  }

  /** Runs a route's transaction for one request; answers as the route (sync) or 202 (async). */
  async transact(ctx: WriteContext, tx: TransactionRequest, respond: Respond): Promise<RouteResult> {
    const result = await this.submitter.transact(
      { principal: ctx.principal, log: ctx.log, waitForCommit: !ctx.respondAsync, answerHint: ctx.successStatus, ...(ctx.onJob ? { onJob: ctx.onJob } : {}) },
      tx,
      (outcome) => answerOfResult(respond(outcome)),
    );
    if (result.kind === 'accepted') {
      return { status: 202, headers: { Location: transactionLocation(result.job.id), 'Preference-Applied': 'respond-async' }, body: transactionView(result.job) };
    }
    return resultOfAnswer(result.answer);
  }

  /**
   * Finishes what a previous run left: frees idempotency keys whose request died before its
   * transaction existed, and follows every pending job in the background. Also purges expired
   * records, now and hourly.
   */
  recover(): void {
    for (const { principal, key, jobId } of this.idempotency.unfinished()) {
      const job = jobId !== undefined ? this.jobs.find(jobId) : undefined;
      if (!job) this.idempotency.release(principal, key);
      else if (job.answer) this.idempotency.settleJob(job.id, job.answer);
    }
    this.submitter.recover();
    this.purge();
    this.purgeTimer ??= setInterval(() => this.purge(), HOUR_MS).unref();
  }

  /** Deletes expired idempotency answers and old finished jobs. */
  purge(now = Date.now()): void {
    if (this.closed) return;
    const keys = this.idempotency.purge(now);
    const jobs = this.submitter.purge(now);
    if (keys + jobs > 0) this.options.logger.debug({ keys, jobs }, 'purged expired submit records');
  }

  /** Stops following jobs (they stay pending in the store, for the next start) and touching the database. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.purgeTimer);
    await this.submitter.close();
  }

  /** Resolves when every background job being followed has stopped (for tests). */
  async idle(): Promise<void> {
    await this.submitter.idle();
  }
}
