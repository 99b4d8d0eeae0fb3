/**
 * Participatory budgeting (governance chaincode, `budgeting` contract): a round of projects
 * within a budget, the voters admitted to it, their ballots (approval voting within the budget)
 * and the tally published at close. Ballots name a per-round nullifier, never a citizen: see
 * chaincode/governance/README.md "Ballot privacy".
 *
 * @example
 * ```ts
 * const round = parseJson(RoundInput, raw, 'round');      // INVALID_ARGUMENT: round.projects must have 1..50 items
 * const tally = tallyBallots(round, ballots);             // approvals per project, funded projects
 * ```
 */
import { Type, type Static } from '@sinclair/typebox';
import { described, Enum, HexHash, Id, Text, Timestamp } from '../schemas';
import { CredentialType } from '../identity/credential';
import { Amount } from './amounts';

/** Most projects in one round. */
export const MAX_ROUND_PROJECTS = 50;
/** Most voters admitted in one transaction. */
export const MAX_ADMISSION_BATCH = 200;

/** A project citizens may approve. */
export const BudgetProject = Type.Object(
  { id: Id, title: Text(300), cost: Amount(1, 'Cost in cents'), department: described(Id, 'The responsible department (org name)') },
  { additionalProperties: false },
);
export type BudgetProject = Static<typeof BudgetProject>;

/** Who may vote: holders of a valid credential of this type in the identity chaincode. */
export const Eligibility = Type.Object({ credentialType: CredentialType }, { additionalProperties: false });
export type Eligibility = Static<typeof Eligibility>;

/** The `roundJson` argument of openRound. */
export const RoundInput = Type.Object(
  {
    id: Id,
    title: Text(300),
    budget: Amount(1, 'The total budget in cents'),
    projects: Type.Array(BudgetProject, { minItems: 1, maxItems: MAX_ROUND_PROJECTS }),
    opensAt: described(Timestamp, 'First transaction time a ballot is accepted'),
    closesAt: described(Timestamp, 'Ballots are accepted before this transaction time; the round can be closed from then on'),
    eligibility: Eligibility,
  },
  { additionalProperties: false },
);
export type RoundInput = Static<typeof RoundInput>;

export const ROUND_STATUSES = ['OPEN', 'CLOSED'] as const;
export const RoundStatus = Enum(ROUND_STATUSES);
export type RoundStatus = Static<typeof RoundStatus>;

/** Approvals of one project. */
export const ProjectApprovals = Type.Object({ projectId: Id, approvals: Type.Integer({ minimum: 0 }) }, { additionalProperties: false });
export type ProjectApprovals = Static<typeof ProjectApprovals>;

/** The result of a round, computed by the chaincode at close and recomputable from the ledger's history. */
export const Tally = Type.Object(
  {
    ballots: Type.Integer({ minimum: 0, description: 'Ballots counted: the last ballot of each nullifier' }),
    approvals: Type.Array(ProjectApprovals, { description: "In the round's project order" }),
    funded: Type.Array(Id, { description: 'Projects funded: most approvals first (ties: lower cost, then ID), each while it still fits the budget' }),
    fundedCost: Amount(0),
  },
  { additionalProperties: false },
);
export type Tally = Static<typeof Tally>;

/** A round as stored. */
export const BudgetRound = Type.Object(
  {
    ...RoundInput.properties,
    status: RoundStatus,
    openedBy: described(Type.String(), 'MSP ID of the department that opened it'),
    openedAt: Timestamp,
    admitted: Type.Integer({ minimum: 0, description: 'Voters admitted: 0 while open, counted at close' }),
    closedAt: Type.Optional(Timestamp),
    tally: Type.Optional(Tally),
  },
  { additionalProperties: false },
);
export type BudgetRound = Static<typeof BudgetRound>;

/**
 * One admitted voter, in the transient `admission` of admitVoters: the credential that makes
 * the citizen eligible and the nullifier the issuing department's gateway derived for the round.
 * Transient, so the pair never reaches a block.
 */
export const VoterAdmission = Type.Object(
  { credentialId: Id, nullifier: described(HexHash, 'HMAC-SHA256 of the round and the citizen under the issuing department\'s key') },
  { additionalProperties: false },
);
export type VoterAdmission = Static<typeof VoterAdmission>;

/** The transient `admission` of admitVoters: the batch of voters admitted together. */
export const AdmissionBatch = Type.Object(
  { voters: Type.Array(VoterAdmission, { minItems: 1, maxItems: MAX_ADMISSION_BATCH }) },
  { additionalProperties: false, description: 'Transient: never reaches a block' },
);
export type AdmissionBatch = Static<typeof AdmissionBatch>;

/** The `ballotJson` argument of castBallot. */
export const BallotInput = Type.Object(
  {
    nullifier: described(HexHash, 'The per-round nullifier of the voter'),
    choices: Type.Array(Id, { maxItems: MAX_ROUND_PROJECTS, description: 'Approved projects; their costs together must fit the budget' }),
    receiptHash: described(HexHash, "SHA-256 of the voter's receipt code, which only the voter holds"),
  },
  { additionalProperties: false },
);
export type BallotInput = Static<typeof BallotInput>;

/** A ballot as stored: the latest one of its nullifier counts. */
export const Ballot = Type.Object(
  { roundId: Id, ...BallotInput.properties, castAt: Timestamp, version: Type.Integer({ minimum: 1, description: '1 for the first ballot of the nullifier, +1 per replacement' }) },
  { additionalProperties: false },
);
export type Ballot = Static<typeof Ballot>;

export const RECEIPT_STATUSES = ['CAST', 'REPLACED', 'COUNTED'] as const;

/** What a receipt proves, without the choice. */
export const ReceiptCheck = Type.Object(
  {
    roundId: Id,
    receiptHash: HexHash,
    status: Enum(RECEIPT_STATUSES, 'CAST: the current ballot of an open round; REPLACED: a later ballot replaced it; COUNTED: in the published tally'),
    castAt: Timestamp,
  },
  { additionalProperties: false },
);
export type ReceiptCheck = Static<typeof ReceiptCheck>;

/** One committed version of a ballot key. */
export const BallotVersion = Type.Object({ txId: Type.String(), timestamp: Type.String(), ballot: Ballot }, { additionalProperties: false });
export type BallotVersion = Static<typeof BallotVersion>;

/** Every version of one nullifier's ballot, oldest first: what a recount reads. */
export const BallotHistory = Type.Object({ nullifier: HexHash, versions: Type.Array(BallotVersion) }, { additionalProperties: false });
export type BallotHistory = Static<typeof BallotHistory>;

/** The project IDs of `round`, by ID. */
function projectsById(round: Pick<RoundInput, 'projects'>): Map<string, BudgetProject> {
  return new Map(round.projects.map((p) => [p.id, p]));
}

/**
 * The tally of `ballots` (one per nullifier, the latest): approvals per project, then projects
 * funded greedily by approvals (ties: lower cost, then ID) while each still fits the budget.
 * The chaincode computes it at close and `audit recount` recomputes it from the history.
 */
export function tallyBallots(round: Pick<RoundInput, 'projects' | 'budget'>, ballots: readonly Pick<Ballot, 'choices'>[]): Tally {
  const approvals = new Map(round.projects.map((p) => [p.id, 0]));
  for (const ballot of ballots) {
    for (const choice of ballot.choices) {
      const count = approvals.get(choice);
      if (count !== undefined) approvals.set(choice, count + 1);
    }
  }
  const byId = projectsById(round);
  const ranked = [...round.projects].sort((a, b) => (approvals.get(b.id) ?? 0) - (approvals.get(a.id) ?? 0) || a.cost - b.cost || (a.id < b.id ? -1 : 1));
  const funded: string[] = [];
  let fundedCost = 0;
  for (const project of ranked) {
    if ((approvals.get(project.id) ?? 0) > 0 && fundedCost + project.cost <= round.budget) {
      funded.push(project.id);
      fundedCost += (byId.get(project.id) as BudgetProject).cost;
    }
  }
  return { ballots: ballots.length, approvals: round.projects.map((p) => ({ projectId: p.id, approvals: approvals.get(p.id) ?? 0 })), funded, fundedCost };
}

/** The total cost of `choices` in `round`, or the first choice that is not one of its projects. */
export function ballotCost(round: Pick<RoundInput, 'projects'>, choices: readonly string[]): { cost: number } | { unknown: string } {
  const byId = projectsById(round);
  let cost = 0;
  for (const choice of choices) {
    const project = byId.get(choice);
    if (project === undefined) return { unknown: choice };
    cost += project.cost;
  }
  return { cost };
}
