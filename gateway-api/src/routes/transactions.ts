/**
 * Submitted transactions: `GET /v1/transactions/:txId` reports a write's state, for the
 * `Location` of an asynchronous write (202) and the `txId` of a 503/504. Only the principal who
 * submitted it may read it; anyone else gets 404, as for a transaction that does not exist.
 *
 * | state | what else is there |
 * |---|---|
 * | `pending` | (`Retry-After: 1`) |
 * | `committed` | `blockNumber`, and `response`: the status, headers and body the write answers synchronously |
 * | `failed` | `problem`: the error the write answers (e.g. `MVCC_CONFLICT`, a chaincode refusal) |
 */
import { Problems } from '../errors';
import type { Answer } from '../http/answer';
import { ANY_ROLE, defineRoute, type Resource } from '../http/route';
import { transactionView } from '../http/transactionView';
import type { TransactionJobs } from '../submit/transactionJobs';
import { TransactionStatus, TxIdParams } from '../schemas/transactions';

export function transactionsResource(jobs: TransactionJobs<Answer>): Resource {
  return {
    name: 'transactions',
    description: 'Writes submitted through this gateway, by transaction ID',
    routes: [
      defineRoute({
        method: 'get',
        path: '/v1/transactions/:txId',
        operationId: 'getTransaction',
        summary: 'The state of a write you submitted: pending, committed (with its answer) or failed',
        tags: ['transactions'],
        params: TxIdParams,
        roles: ANY_ROLE,
        writes: false,
        response: { status: 200, description: 'The transaction', schema: TransactionStatus },
        handler: async ({ params, principal }) => {
          const job = jobs.find(params.txId);
          if (!job || job.principal.id !== principal.id) throw Problems.notFound(`no transaction ${params.txId} of yours`);
          return { status: 200, body: transactionView(job), ...(job.state === 'pending' ? { headers: { 'Retry-After': '1' } } : {}) };
        },
      }),
    ],
  };
}
