/**
 * `council` contract: council decisions. A decision records the motion, the SHA-256 of the
 * decision document, each member's vote (public by law) and the outcome, which the chaincode
 * derives from the votes (ADOPTED when YES outnumber NO). A decision is recorded once and
 * never changes. Anyone checks a presented document's hash against it.
 */
import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import './components';
import { CityContract, emitEvent, invalidArgument, readJson, requireAbsent, requireGrant, requireId, requireKeyEndorsers, txTimestamp, writeJson } from '@city-ledger/chaincode-common';
import { decisionOutcome, DecisionInput, documentCheck, HexHash, parseJson, validate, type Decision } from '@city-ledger/domain';
import { decisionKey } from './keys';
import { COUNCIL_GRANTS, remitHoldersOf } from './roles';

export class CouncilContext extends Context {}

@Info({ title: 'Council', description: 'Council decisions: motion, document hash, recorded votes and outcome' })
export class CouncilContract extends CityContract {
  constructor() {
    super('council');
  }

  override createContext(): CouncilContext {
    return new CouncilContext();
  }

  /** Records a decision. `decisionJson`: `{id, motion, documentHash, votes: [{member, vote: YES|NO|ABSTAIN}]}`. */
  @Transaction()
  @Returns('Decision')
  async recordDecision(ctx: CouncilContext, decisionJson: string) {
    const who = requireGrant(ctx, COUNCIL_GRANTS);
    const input = parseJson(DecisionInput, decisionJson, 'decision');
    const members = input.votes.map((v) => v.member);
    const twice = members.find((m, i) => members.indexOf(m) !== i);
    if (twice !== undefined) throw invalidArgument('decision.votes lists a member twice');
    const key = decisionKey(ctx, input.id);
    await requireAbsent(ctx, key, 'decision');
    const now = txTimestamp(ctx);
    const decision: Decision = { ...input, ...decisionOutcome(input.votes), recordedBy: who.msp, recordedAt: now };
    await writeJson(ctx, key, decision);
    await requireKeyEndorsers(ctx, key, remitHoldersOf(COUNCIL_GRANTS));
    emitEvent(ctx, 'council.decision.recorded', { decisionId: input.id, outcome: decision.outcome, documentHash: input.documentHash, txTime: now });
    return decision;
  }

  /** A decision. Any channel member. */
  @Transaction(false)
  @Returns('Decision')
  async getDecision(ctx: CouncilContext, decisionId: string) {
    return readJson<Decision>(ctx, decisionKey(ctx, requireId(decisionId, 'decisionId')), 'decision');
  }

  /** A presented document's SHA-256 against the decision's: MATCH or MISMATCH. Any channel member. */
  @Transaction(false)
  @Returns('DocumentCheck')
  async checkDocument(ctx: CouncilContext, decisionId: string, documentHash: string) {
    const presented = validate(HexHash, documentHash, 'documentHash');
    const decision = await readJson<Decision>(ctx, decisionKey(ctx, requireId(decisionId, 'decisionId')), 'decision');
    return documentCheck(decision, presented);
  }
}
