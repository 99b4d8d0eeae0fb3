/**
 * The answers of a committed write: `{ txId, blockNumber, result }`, and 201 with a `Location`
 * for a creation. Routes answer with them, and so does a transaction job that finished without
 * its route (after a restart).
 *
 * @example
 * ```ts
 * transact(request, (outcome) => created(outcome, location('parcels', id)));
 * submitted(200, outcome);   // { status: 200, body: { txId, blockNumber, result } }
 * ```
 */
import type { SubmitOutcome } from '../fabric/ledgerClient';
import { json, type RouteResult } from './route';

/** The answer of a write: `{ txId, blockNumber, result }` (see `Submitted` in schemas/common.ts). */
export function submitted(status: 200 | 201, outcome: SubmitOutcome): RouteResult {
  return { status, body: { txId: outcome.txId, blockNumber: Number(outcome.blockNumber), result: json(outcome.result) } };
}

/** The answer of a creation: 201 with the new object's `Location`. */
export function created(outcome: SubmitOutcome, location: string): RouteResult {
  return { ...submitted(201, outcome), headers: { Location: location } };
}
