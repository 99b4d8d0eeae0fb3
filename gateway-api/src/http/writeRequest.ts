/**
 * One write request on its way to the write pipeline (writePipeline.ts): reads `Prefer` and
 * `Idempotency-Key`, claims the key (or finds the answer to replay), hands the route a
 * `transact` bound to the request, and records the request's answer for the key.
 *
 * @example
 * ```ts
 * const write = beginWrite(submitter, { principal, log, method: 'POST', path: '/v1/parcels', body,
 *   prefer: req.get('prefer'), idempotencyKey: req.get('idempotency-key'), successStatus: 201 });
 * if (write.replay) return sendAnswer(res, write.replay, REPLAYED);
 * try { result = await route.handler({ …, transact: write.transact }); } catch (err) { write.failed(err); throw err; }
 * write.succeeded(result);
 * ```
 */
import type { Logger } from 'pino';
import type { Principal } from '../auth/principal';
import type { Respond, RouteResult, TransactionRequest } from './route';
import { answerOfError, answerOfResult, type Answer } from './answer';
import { parseIdempotencyKey, requestFingerprint } from './idempotency';
import { prefersAsync } from './prefer';
import type { WritePipeline } from './writePipeline';

/** Header added to a replayed answer. */
export const REPLAYED: Readonly<Record<string, string>> = { 'Idempotency-Replayed': 'true' };

export interface WriteRequest {
  readonly principal: Principal;
  readonly log: Logger;
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  readonly prefer?: string;
  readonly idempotencyKey?: string;
  readonly successStatus: number;
  /** Adds bindings to the request's log line (not to `log`, which the pipeline binds per attempt). */
  readonly bindLog?: (bindings: Record<string, string>) => void;
}

export interface Write {
  /** The stored answer of an earlier request with the same idempotency key: send it, run nothing. */
  readonly replay?: Answer;
  readonly transact: (tx: TransactionRequest, respond: Respond) => Promise<RouteResult>;
  succeeded(result: RouteResult): void;
  failed(err: unknown): void;
}

/** Starts a write; throws 400 for a malformed key, 409 / 422 when the key is busy or was used for another request. */
export function beginWrite(submitter: WritePipeline, request: WriteRequest): Write {
  const key = parseIdempotencyKey(request.idempotencyKey);
  const principalId = request.principal.id;
  if (key !== undefined) {
    const reservation = submitter.idempotency.reserve(principalId, key, requestFingerprint(request.method, request.path, request.body));
    if (reservation.kind === 'replay') {
      return { replay: reservation.answer, transact: refuse, succeeded: () => {}, failed: () => {} };
    }
  }

  let started = false;
  let jobId: string | undefined;
  const record = (answer: Answer) => {
    if (key === undefined) return;
    // After a 5xx the transaction's job decides: it gives the key its final answer when it
    // resolves (possibly already, in the background), or frees it if nothing committed.
    if (jobId !== undefined && answer.status >= 500) return;
    submitter.idempotency.finish(principalId, key, answer);
  };
  return {
    transact: (tx, respond) => {
      if (started) throw new Error('a write route may run one transaction per request');
      started = true;
      return submitter.transact(
        {
          principal: request.principal,
          log: request.log,
          respondAsync: prefersAsync(request.prefer),
          successStatus: request.successStatus,
          onJob: (job) => {
            jobId = job.id;
            request.bindLog?.({ txId: job.id });
            if (key !== undefined) submitter.idempotency.bindJob(principalId, key, job.id);
          },
        },
        tx,
        respond,
      );
    },
    succeeded: (result) => record(answerOfResult(result)),
    failed: (err) => record(answerOfError(err)),
  };
}

function refuse(): never {
  throw new Error('a replayed request runs no transaction');
}
