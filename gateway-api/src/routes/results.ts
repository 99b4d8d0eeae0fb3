import { json, type RouteResult } from '../http/route';
import type { SubmitOutcome } from '../fabric/ledgerClient';

/** The answer of a write: `{ txId, blockNumber, result }` (see `Submitted` in schemas/common.ts). */
export function submitted(status: 200 | 201, outcome: SubmitOutcome): RouteResult {
  return { status, body: { txId: outcome.txId, blockNumber: Number(outcome.blockNumber), result: json(outcome.result) } };
}

/** The answer of a creation: 201 with the new object's `Location`. */
export function created(outcome: SubmitOutcome, location: string): RouteResult {
  return { ...submitted(201, outcome), headers: { Location: location } };
}
