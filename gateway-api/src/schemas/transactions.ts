/** Schemas of submitted transactions (`/v1/transactions`), as submit/transactionView.ts writes them. */
import { Type } from '@sinclair/typebox';
import { Id, ProblemSchema } from './common';

/** A transaction ID the gateway answered with (64 hex characters on a real network). */
export const TxIdParams = Type.Object({ txId: Id }, { additionalProperties: false });

export const TransactionStatus = Type.Object(
  {
    txId: Type.String({ description: 'The first transaction ID of the write (the one in Location)' }),
    state: Type.Union([Type.Literal('pending'), Type.Literal('committed'), Type.Literal('failed')]),
    attempts: Type.Integer({ minimum: 1, description: 'Transactions tried: more than 1 after conflict retries' }),
    latestTxId: Type.Optional(Type.String({ description: 'The latest attempt, when it is not the first' })),
    blockNumber: Type.Optional(Type.Integer({ minimum: 0 })),
    response: Type.Optional(
      Type.Object(
        {
          status: Type.Integer(),
          headers: Type.Record(Type.String(), Type.String()),
          body: Type.Unknown(),
        },
        { description: 'Committed: what the write answers synchronously' },
      ),
    ),
    problem: Type.Optional(ProblemSchema),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
