/**
 * What a client sees of a transaction job: the 202 answer of an asynchronous write and
 * `GET /v1/transactions/{txId}` both answer this (schema: `TransactionStatus` in
 * schemas/transactions.ts).
 *
 * @example
 * ```ts
 * transactionView(job);
 * // { txId: 'a1…', state: 'committed', attempts: 1, blockNumber: 12,
 * //   response: { status: 201, headers: { Location: '/v1/parcels/P-1' }, body: { txId, blockNumber, result } }, … }
 * ```
 */
import type { TransactionJob } from '../submit/transactionJobs';
import type { Answer } from './answer';

/** Where a job can be polled. */
export function transactionLocation(jobId: string): string {
  return `/v1/transactions/${encodeURIComponent(jobId)}`;
}

export function transactionView(job: TransactionJob<Answer>): Record<string, unknown> {
  return {
    txId: job.id,
    state: job.state,
    attempts: job.attempts,
    ...(job.txId !== job.id ? { latestTxId: job.txId } : {}),
    ...(job.blockNumber !== undefined ? { blockNumber: job.blockNumber } : {}),
    ...(job.state === 'committed' && job.answer ? { response: { status: job.answer.status, headers: job.answer.headers, body: job.answer.body } } : {}),
    ...(job.state === 'failed' && job.answer ? { problem: job.answer.body } : {}),
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
  };
}
