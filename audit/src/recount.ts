/**
 * Recounts a closed budgeting round from the ledger's history, independently of the tally the
 * chaincode published at close: every version of every ballot key (Fabric key history, through
 * governance `budgeting:getBallotHistory`), the last version of each nullifier committed before
 * the round's `closesAt`, tallied with the domain's rule, and compared with the published tally.
 *
 * @example
 * ```ts
 * const recount = await recountRound(session, 'PB-2026');
 * recount.result;   // 'AGREES' | 'DISAGREES'
 * ```
 */
import { BallotHistory, BudgetRound, canonicalJson, isoToMillis, tallyBallots, validate, type Tally } from '@city-ledger/domain';
import { Type } from '@sinclair/typebox';
import { AuditError } from './errors';
import { asInvalidArgument, parseJsonArray, parseJsonObject } from './json';

const BallotHistories = Type.Array(BallotHistory);
import type { ChaincodeReader } from './peerSession';

export interface Recount {
  readonly roundId: string;
  readonly result: 'AGREES' | 'DISAGREES';
  /** Ballot versions read from the history, replacements included. */
  readonly versionsRead: number;
  readonly published: Tally;
  readonly recounted: Tally;
}

/** Recounts round `roundId`; INVALID_ARGUMENT when it is not closed yet (nothing to compare). */
export async function recountRound(reader: ChaincodeReader, roundId: string): Promise<Recount> {
  const roundBytes = await reader.evaluate('governance', 'budgeting:getRound', [roundId]);
  const round = asInvalidArgument(() => validate(BudgetRound, parseJsonObject(roundBytes, 'the round'), 'round'));
  if (round.status !== 'CLOSED' || round.tally === undefined) throw new AuditError('INVALID_ARGUMENT', `round ${roundId} is not closed: there is no published tally to recount`);
  const historyBytes = await reader.evaluate('governance', 'budgeting:getBallotHistory', [roundId]);
  const histories = asInvalidArgument(() => validate(BallotHistories, parseJsonArray(historyBytes, 'the ballot history'), 'ballotHistory'));
  const closesAt = isoToMillis(round.closesAt) ?? Number.NaN;
  const ballots = histories.flatMap((history) => {
    // Oldest first: the last version committed before the window closed is the one that counts.
    const inWindow = history.versions.filter((v) => (isoToMillis(v.timestamp) ?? Number.POSITIVE_INFINITY) < closesAt);
    const last = inWindow[inWindow.length - 1];
    return last ? [last.ballot] : [];
  });
  const recounted = tallyBallots(round, ballots);
  return {
    roundId,
    result: canonicalJson(recounted) === canonicalJson(round.tally) ? 'AGREES' : 'DISAGREES',
    versionsRead: histories.reduce((n, h) => n + h.versions.length, 0),
    published: round.tally,
    recounted,
  };
}
