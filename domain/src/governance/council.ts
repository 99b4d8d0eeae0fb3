/**
 * Council decisions (governance chaincode, `council` contract): the motion, the SHA-256 of the
 * decision document, each member's recorded vote (public by law) and the outcome the chaincode
 * derives from them. Anyone checks a presented document against the recorded hash.
 *
 * @example
 * ```ts
 * const input = parseJson(DecisionInput, raw, 'decision');
 * decisionOutcome(input.votes);   // 'ADOPTED' when YES outnumber NO
 * ```
 */
import { Type, type Static } from '@sinclair/typebox';
import { described, Enum, HexHash, Id, Text, Timestamp } from '../schemas';

/** Most council members voting on one motion. */
export const MAX_COUNCIL_VOTES = 200;

export const COUNCIL_VOTES = ['YES', 'NO', 'ABSTAIN'] as const;
export const CouncilVoteChoice = Enum(COUNCIL_VOTES);

/** One member's recorded vote. */
export const CouncilVote = Type.Object({ member: Text(200), vote: CouncilVoteChoice }, { additionalProperties: false });
export type CouncilVote = Static<typeof CouncilVote>;

/** The `decisionJson` argument of recordDecision. */
export const DecisionInput = Type.Object(
  {
    id: Id,
    motion: Text(2000),
    documentHash: described(HexHash, 'SHA-256 of the decision document, byte for byte'),
    votes: Type.Array(CouncilVote, { minItems: 1, maxItems: MAX_COUNCIL_VOTES, description: 'One per member' }),
  },
  { additionalProperties: false },
);
export type DecisionInput = Static<typeof DecisionInput>;

export const DECISION_OUTCOMES = ['ADOPTED', 'REJECTED'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** A decision as recorded. */
export const Decision = Type.Object(
  {
    ...DecisionInput.properties,
    outcome: Enum(DECISION_OUTCOMES, 'ADOPTED when YES votes outnumber NO votes'),
    yes: Type.Integer({ minimum: 0 }),
    no: Type.Integer({ minimum: 0 }),
    abstain: Type.Integer({ minimum: 0 }),
    recordedBy: described(Type.String(), 'MSP ID'),
    recordedAt: Timestamp,
  },
  { additionalProperties: false },
);
export type Decision = Static<typeof Decision>;

export const DOCUMENT_CHECK_RESULTS = ['MATCH', 'MISMATCH'] as const;

/** A presented document's hash against the recorded one. */
export const DocumentCheck = Type.Object(
  { decisionId: Id, result: Enum(DOCUMENT_CHECK_RESULTS), recordedHash: HexHash, presentedHash: HexHash },
  { additionalProperties: false },
);
export type DocumentCheck = Static<typeof DocumentCheck>;

/** The counts of `votes` and the outcome: ADOPTED when YES outnumber NO. */
export function decisionOutcome(votes: readonly CouncilVote[]): { outcome: DecisionOutcome; yes: number; no: number; abstain: number } {
  const count = (v: CouncilVote['vote']) => votes.filter((x) => x.vote === v).length;
  const yes = count('YES');
  const no = count('NO');
  return { outcome: yes > no ? 'ADOPTED' : 'REJECTED', yes, no, abstain: count('ABSTAIN') };
}

/** The check of a presented document's SHA-256 against the decision's. */
export function documentCheck(decision: Pick<Decision, 'id' | 'documentHash'>, presentedHash: string): DocumentCheck {
  return { decisionId: decision.id, result: presentedHash === decision.documentHash ? 'MATCH' : 'MISMATCH', recordedHash: decision.documentHash, presentedHash };
}
