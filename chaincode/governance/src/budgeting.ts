/**
 * `budgeting` contract: participatory budgeting rounds.
 *
 * - `openRound` (budget remit) declares the projects, the budget, the voting window and the
 *   eligibility rule.
 * - `admitVoters` (the credential's issuing department) checks each voter's credential in
 *   `identity` and admits the per-round nullifier its gateway derived; the credential-nullifier
 *   pairs travel in the transient map, so a batch of n admissions shows n credentials and n
 *   nullifiers but not which belongs to which.
 * - `castBallot` (the department that admitted the nullifier) stores or replaces the ballot of
 *   an admitted nullifier inside the window; choices must fit the budget.
 * - `closeRound` (budget remit, from closesAt on) computes and publishes the tally.
 * - `getRound`, `checkReceipt` (status only, never the choice) and `getBallotHistory` (every
 *   version of every ballot, for a recount): any channel member.
 *
 * See README.md "Ballot privacy" for what each party can link.
 */
import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import './components';
import {
  CityContract,
  conflict,
  emitEvent,
  exists,
  failedPrecondition,
  forbidden,
  getHistory,
  invalidArgument,
  isoToMillis,
  readJson,
  readTransient,
  requireAbsent,
  requireDepartment,
  requireGrant,
  requireId,
  requireKeyEndorsers,
  tryReadJson,
  txTimeMillis,
  txTimestamp,
  writeJson,
} from '@city-ledger/chaincode-common';
import {
  ballotCost,
  BallotInput,
  HexHash,
  parseJson,
  RoundInput,
  tallyBallots,
  validate,
  AdmissionBatch,
  type Ballot,
  type BallotHistory,
  type BudgetRound,
  type ReceiptCheck,
} from '@city-ledger/domain';
import { requireEligibleCredential } from './eligibility';
import { admittedCredentialKey, admittedSubjectKey, ballotKey, KeyType, receiptKey, roundKey, voterKey } from './keys';
import { BUDGET_GRANTS, departmentNames, remitHoldersOf, VOTING_ROLES } from './roles';

/** Transient field of admitVoters: `{voters: [{credentialId, nullifier}]}`. */
export const ADMISSION_TRANSIENT_KEY = 'admission';

/** An admitted nullifier: who admitted it (the only department that may cast its ballot). */
interface AdmittedVoter {
  roundId: string;
  nullifier: string;
  admittedBy: string;
}

/** Where a receipt points. */
interface ReceiptEntry {
  nullifier: string;
  castAt: string;
}

export class BudgetingContext extends Context {}

function millis(iso: string): number {
  return isoToMillis(iso) ?? Number.NaN;
}

function duplicate(values: readonly string[]): string | undefined {
  return values.find((v, i) => values.indexOf(v) !== i);
}

@Info({ title: 'Budgeting', description: 'Participatory budgeting rounds: admission by credential, anonymous ballots, tally at close' })
export class BudgetingContract extends CityContract {
  constructor() {
    super('budgeting');
  }

  override createContext(): BudgetingContext {
    return new BudgetingContext();
  }

  /** Opens a round. `roundJson`: `{id, title, budget, projects: [{id, title, cost, department}], opensAt, closesAt, eligibility: {credentialType}}`. */
  @Transaction()
  @Returns('BudgetRound')
  async openRound(ctx: BudgetingContext, roundJson: string) {
    const who = requireGrant(ctx, BUDGET_GRANTS);
    const input = parseJson(RoundInput, roundJson, 'round');
    if (millis(input.closesAt) <= millis(input.opensAt)) throw invalidArgument('round.closesAt must be after round.opensAt');
    if (millis(input.closesAt) <= txTimeMillis(ctx)) throw invalidArgument('round.closesAt must be after the transaction time');
    const projectId = duplicate(input.projects.map((p) => p.id));
    if (projectId !== undefined) throw invalidArgument(`round.projects lists project ${projectId} twice`);
    const departments = departmentNames();
    const stranger = input.projects.find((p) => !departments.includes(p.department));
    if (stranger) throw invalidArgument(`round.projects: project ${stranger.id} names ${stranger.department}, which is not a department (${departments.join(', ')})`);
    const key = roundKey(ctx, input.id);
    await requireAbsent(ctx, key, 'round');
    const now = txTimestamp(ctx);
    const round: BudgetRound = { ...input, status: 'OPEN', openedBy: who.msp, openedAt: now, admitted: 0 };
    await writeJson(ctx, key, round);
    await requireKeyEndorsers(ctx, key, remitHoldersOf(BUDGET_GRANTS));
    emitEvent(ctx, 'budget.round.opened', { roundId: input.id, budget: input.budget, projects: input.projects.length, opensAt: input.opensAt, closesAt: input.closesAt, txTime: now });
    return round;
  }

  /**
   * Admits voters to an open round. Transient `admission`: `{voters: [{credentialId, nullifier}]}` (1-200).
   * Each credential must be a valid credential of the round's type issued by the caller's
   * department, its holder not yet admitted, its nullifier new.
   */
  @Transaction()
  @Returns('AdmissionResult')
  async admitVoters(ctx: BudgetingContext, roundId: string) {
    const who = requireDepartment(ctx, VOTING_ROLES);
    const id = requireId(roundId, 'roundId');
    const { voters } = readTransient(ctx, ADMISSION_TRANSIENT_KEY, AdmissionBatch);
    const twice = duplicate(voters.map((v) => v.nullifier)) ?? duplicate(voters.map((v) => v.credentialId));
    if (twice !== undefined) throw invalidArgument(`${ADMISSION_TRANSIENT_KEY}.voters lists ${twice} twice`);
    const round = await readJson<BudgetRound>(ctx, roundKey(ctx, id), 'round');
    if (round.status !== 'OPEN' || txTimeMillis(ctx) >= millis(round.closesAt)) throw failedPrecondition(`round ${id} is closed to new voters`);
    const subjects = new Set<string>();
    for (const voter of voters) {
      const credential = await requireEligibleCredential(ctx, voter.credentialId, round.eligibility.credentialType);
      if (credential.issuer.msp !== who.msp) {
        throw forbidden(`credential ${voter.credentialId} was issued by ${credential.issuer.msp}: only the issuing department admits its holders`);
      }
      if (subjects.has(credential.subject)) throw conflict(`the holder of credential ${voter.credentialId} is already admitted to round ${id}`);
      subjects.add(credential.subject);
      for (const [key, what] of [
        [admittedSubjectKey(ctx, id, credential.subject), `the holder of credential ${voter.credentialId}`],
        [admittedCredentialKey(ctx, id, voter.credentialId), `credential ${voter.credentialId}`],
        [voterKey(ctx, id, voter.nullifier), 'a nullifier of this batch'],
      ] as const) {
        if (await exists(ctx, key)) throw conflict(`${what} is already admitted to round ${id}`);
      }
    }
    // Written after every check; Fabric sorts a transaction's writes by key, so their order
    // does not pair a credential with a nullifier.
    for (const voter of voters) {
      const admitted: AdmittedVoter = { roundId: id, nullifier: voter.nullifier, admittedBy: who.msp };
      await writeJson(ctx, voterKey(ctx, id, voter.nullifier), admitted);
      await writeJson(ctx, admittedCredentialKey(ctx, id, voter.credentialId), { roundId: id });
    }
    for (const subject of subjects) await writeJson(ctx, admittedSubjectKey(ctx, id, subject), { roundId: id });
    emitEvent(ctx, 'budget.voters.admitted', { roundId: id, count: voters.length, txTime: txTimestamp(ctx) });
    return { roundId: id, admitted: voters.length };
  }

  /**
   * Casts (or replaces) the ballot of an admitted nullifier. `ballotJson`: `{nullifier, choices,
   * receiptHash}`. Returns the receipt's status, never the choices.
   */
  @Transaction()
  @Returns('ReceiptCheck')
  async castBallot(ctx: BudgetingContext, roundId: string, ballotJson: string) {
    const who = requireDepartment(ctx, VOTING_ROLES);
    const id = requireId(roundId, 'roundId');
    const input = parseJson(BallotInput, ballotJson, 'ballot');
    const twice = duplicate(input.choices);
    if (twice !== undefined) throw invalidArgument(`ballot.choices lists project ${twice} twice`);
    const round = await readJson<BudgetRound>(ctx, roundKey(ctx, id), 'round');
    const cost = ballotCost(round, input.choices);
    if ('unknown' in cost) throw invalidArgument(`ballot.choices: ${cost.unknown} is not a project of round ${id}`);
    if (cost.cost > round.budget) throw invalidArgument(`ballot.choices cost ${cost.cost}, more than the budget of ${round.budget}`);
    const now = txTimeMillis(ctx);
    if (round.status !== 'OPEN' || now < millis(round.opensAt) || now >= millis(round.closesAt)) {
      throw failedPrecondition(`round ${id} accepts ballots from ${round.opensAt} until ${round.closesAt}${round.status === 'CLOSED' ? ' and is closed' : ''}`);
    }
    const voter = await tryReadJson<AdmittedVoter>(ctx, voterKey(ctx, id, input.nullifier));
    if (voter === undefined) throw forbidden(`the nullifier is not admitted to round ${id}`);
    if (voter.admittedBy !== who.msp) throw forbidden(`only ${voter.admittedBy}, which admitted this voter, casts its ballot`);
    await requireAbsent(ctx, receiptKey(ctx, id, input.receiptHash), 'receipt');
    const key = ballotKey(ctx, id, input.nullifier);
    const previous = await tryReadJson<Ballot>(ctx, key);
    const castAt = txTimestamp(ctx);
    const ballot: Ballot = { roundId: id, ...input, castAt, version: (previous?.version ?? 0) + 1 };
    await writeJson(ctx, key, ballot);
    await requireKeyEndorsers(ctx, key, [voter.admittedBy]);
    const receipt: ReceiptEntry = { nullifier: input.nullifier, castAt };
    await writeJson(ctx, receiptKey(ctx, id, input.receiptHash), receipt);
    emitEvent(ctx, 'budget.ballot.cast', { roundId: id, txTime: castAt });
    const answer: ReceiptCheck = { roundId: id, receiptHash: input.receiptHash, status: 'CAST', castAt };
    return answer;
  }

  /** Closes a round from its closesAt on and publishes the tally of the last ballot of each nullifier. */
  @Transaction()
  @Returns('BudgetRound')
  async closeRound(ctx: BudgetingContext, roundId: string) {
    requireGrant(ctx, BUDGET_GRANTS);
    const id = requireId(roundId, 'roundId');
    const key = roundKey(ctx, id);
    const round = await readJson<BudgetRound>(ctx, key, 'round');
    if (round.status === 'CLOSED') throw failedPrecondition(`round ${id} is already closed`);
    if (txTimeMillis(ctx) < millis(round.closesAt)) throw failedPrecondition(`round ${id} closes at ${round.closesAt}`);
    const ballots: Ballot[] = [];
    for await (const kv of ctx.stub.getStateByPartialCompositeKey(KeyType.Ballot, [id])) {
      ballots.push(JSON.parse(Buffer.from(kv.value).toString('utf8')) as Ballot);
    }
    let admitted = 0;
    for await (const entry of ctx.stub.getStateByPartialCompositeKey(KeyType.Voter, [id])) {
      if (entry.value.length > 0) admitted += 1;
    }
    const closedAt = txTimestamp(ctx);
    const closed: BudgetRound = { ...round, status: 'CLOSED', admitted, closedAt, tally: tallyBallots(round, ballots) };
    await writeJson(ctx, key, closed);
    emitEvent(ctx, 'budget.round.closed', { roundId: id, ballots: ballots.length, funded: closed.tally?.funded, txTime: closedAt });
    return closed;
  }

  /** A round, with its tally once closed. Any channel member. */
  @Transaction(false)
  @Returns('BudgetRound')
  async getRound(ctx: BudgetingContext, roundId: string) {
    return readJson<BudgetRound>(ctx, roundKey(ctx, requireId(roundId, 'roundId')), 'round');
  }

  /** What a receipt proves: CAST, REPLACED or COUNTED, and when it was cast; never the choice. */
  @Transaction(false)
  @Returns('ReceiptCheck')
  async checkReceipt(ctx: BudgetingContext, roundId: string, receiptHash: string) {
    const id = requireId(roundId, 'roundId');
    const hash = validate(HexHash, receiptHash, 'receiptHash');
    const round = await readJson<BudgetRound>(ctx, roundKey(ctx, id), 'round');
    const receipt = await readJson<ReceiptEntry>(ctx, receiptKey(ctx, id, hash), 'receipt');
    const ballot = await readJson<Ballot>(ctx, ballotKey(ctx, id, receipt.nullifier), 'ballot');
    const status = ballot.receiptHash !== hash ? 'REPLACED' : round.status === 'CLOSED' ? 'COUNTED' : 'CAST';
    const answer: ReceiptCheck = { roundId: id, receiptHash: hash, status, castAt: receipt.castAt };
    return answer;
  }

  /** Every version of every ballot of a round, oldest first: what `audit recount` recounts. Any channel member. */
  @Transaction(false)
  @Returns('BallotHistoryList')
  async getBallotHistory(ctx: BudgetingContext, roundId: string) {
    const id = requireId(roundId, 'roundId');
    await readJson<BudgetRound>(ctx, roundKey(ctx, id), 'round');
    const histories: BallotHistory[] = [];
    for await (const kv of ctx.stub.getStateByPartialCompositeKey(KeyType.Ballot, [id])) {
      const nullifier = ctx.stub.splitCompositeKey(kv.key).attributes[1] as string;
      const versions = (await getHistory<Ballot>(ctx, kv.key))
        .filter((h) => h.value !== undefined)
        .reverse()
        .map((h) => ({ txId: h.txId, timestamp: h.timestamp, ballot: h.value as Ballot }));
      histories.push({ nullifier, versions });
    }
    return histories;
  }
}
