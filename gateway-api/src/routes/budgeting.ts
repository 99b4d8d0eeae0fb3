/**
 * Participatory budgeting: the `budgeting` contract of the `governance` chaincode. This gateway
 * turns each citizen's pseudonym into the round's nullifier with its own key (see
 * calls/nullifiers.ts), so the ledger never sees who voted what.
 *
 * | route | chaincode call | roles |
 * |---|---|---|
 * | `POST /v1/budget-rounds` | submit `openRound(roundJson)` | clerk, registrar (`budget` remit) |
 * | `GET /v1/budget-rounds/:id` | evaluate `getRound(id)` (with the tally once closed) | any |
 * | `POST /v1/budget-rounds/:id/voters` | evaluate identity `getCredential` per credential, then submit `admitVoters(id)`, transient `admission`, endorsed by this department only | clerk, registrar, officer (the issuing department) |
 * | `POST /v1/budget-rounds/:id/ballots` | submit `castBallot(id, {nullifier, choices, receiptHash})`, endorsed by this department | clerk, registrar, officer |
 * | `GET /v1/budget-rounds/:id/receipts/:receipt` | evaluate `checkReceipt(id, sha256(receipt))` | any |
 * | `POST /v1/budget-rounds/:id/close` | submit `closeRound(id)` | clerk, registrar |
 *
 * No route serves individual ballots: a receipt holder could find its ballot there. The
 * recount reads them from the ledger (`npm run audit -- recount`).
 */
import { Role, sha256Hex, type Credential } from '@city-ledger/domain';
import { ANY_ROLE, defineRoute, type Resource } from '../http/route';
import { IdParams, Submitted } from '../schemas/common';
import { AdmissionResult, AdmitVotersBody, BallotReceipt, BudgetRound, CastBallotBody, OpenRoundBody, ReceiptCheck, ReceiptParams } from '../schemas/governance';
import { contractOf, location } from '../calls/contractCalls';
import { newReceipt, type NullifierKey } from '../calls/nullifiers';
import { created, submitted } from '../http/writeResults';

const budgeting = contractOf('governance', 'budgeting');
const credentials = contractOf('identity', 'credentials');
const TAGS = ['budgeting'];
const BUDGET_CLERKS = [Role.Clerk, Role.Registrar];
const VOTING = [Role.Clerk, Role.Registrar, Role.Officer];

/** What the routes need besides the ledger: this department's nullifier key. */
export interface BudgetingDeps {
  readonly nullifiers: NullifierKey;
}

export function budgetingResource({ nullifiers }: BudgetingDeps): Resource {
  return {
    name: 'budgeting',
    description: 'Participatory budgeting rounds: admission by identity credential, anonymous ballots with receipts, the tally at close (governance chaincode, budgeting contract)',
    routes: [
      defineRoute({
        method: 'post',
        path: '/v1/budget-rounds',
        operationId: 'openRound',
        summary: 'Open a budgeting round: projects, budget, voting window and eligibility',
        description: 'Departments with the `budget` remit. Amounts are cents. The window is transaction time: ballots from `opensAt` until `closesAt`.',
        tags: TAGS,
        body: OpenRoundBody,
        roles: BUDGET_CLERKS,
        writes: true,
        response: { status: 201, description: 'The round', schema: Submitted(BudgetRound) },
        handler: async ({ body, transact }) => transact(budgeting.request('openRound', [JSON.stringify(body)]), (outcome) => created(outcome, location('budget-rounds', body.id))),
      }),
      defineRoute({
        method: 'get',
        path: '/v1/budget-rounds/:id',
        operationId: 'getRound',
        summary: 'A round, with its tally once closed',
        tags: TAGS,
        params: IdParams,
        roles: ANY_ROLE,
        anonymous: true,
        writes: false,
        response: { status: 200, description: 'The round', schema: BudgetRound },
        handler: budgeting.evaluate('getRound', ({ params }) => [params.id]),
      }),
      defineRoute({
        method: 'post',
        path: '/v1/budget-rounds/:id/voters',
        operationId: 'admitVoters',
        summary: 'Admit the holders of credentials this department issued',
        description:
          'The chaincode checks each credential in `identity` (valid, of the round\'s type, issued by this department); the gateway derives each holder\'s nullifier. The credential-nullifier pairs travel as transient data to this department\'s peers only. 404 for an unknown credential, 409 for a holder already admitted, 422 for an invalid credential.',
        tags: TAGS,
        params: IdParams,
        body: AdmitVotersBody,
        roles: VOTING,
        writes: true,
        response: { status: 200, description: 'How many were admitted', schema: Submitted(AdmissionResult) },
        handler: async (ctx) => {
          const { params, body, mspId, transact } = ctx;
          const voters = [];
          for (const credentialId of body.credentialIds) {
            const credential = (await credentials.query(ctx, 'getCredential', [credentialId])) as Pick<Credential, 'subject'>;
            voters.push({ credentialId, nullifier: nullifiers.nullifier(params.id, credential.subject) });
          }
          const tx = budgeting.request('admitVoters', [params.id], { transient: { admission: JSON.stringify({ voters }) }, endorsingOrganizations: [mspId] });
          return transact(tx, (outcome) => submitted(200, outcome));
        },
      }),
      defineRoute({
        method: 'post',
        path: '/v1/budget-rounds/:id/ballots',
        operationId: 'castBallot',
        summary: 'Cast, or replace, a citizen\'s ballot',
        description:
          'The gateway derives the round\'s nullifier from `citizenId`; the ledger never sees the citizen. A second ballot replaces the first while the window is open. The answer carries the receipt, which only the voter gets. 403 when the citizen was not admitted (not eligible), 422 outside the window.',
        tags: TAGS,
        params: IdParams,
        body: CastBallotBody,
        roles: VOTING,
        writes: true,
        response: { status: 200, description: 'The receipt', schema: Submitted(BallotReceipt) },
        handler: async ({ params, body, mspId, transact }) => {
          const { receipt, receiptHash } = newReceipt();
          const ballot = { nullifier: nullifiers.nullifier(params.id, body.citizenId), choices: body.choices, receiptHash };
          const tx = budgeting.request('castBallot', [params.id, JSON.stringify(ballot)], { endorsingOrganizations: [mspId] });
          return transact(tx, (outcome) => {
            const answer = submitted(200, outcome);
            const result = (answer.body as { result: object }).result;
            return { ...answer, body: { ...(answer.body as object), result: { ...result, receipt } } };
          });
        },
      }),
      defineRoute({
        method: 'get',
        path: '/v1/budget-rounds/:id/receipts/:receipt',
        operationId: 'checkReceipt',
        summary: 'Whether the ballot of a receipt counted (CAST, REPLACED, COUNTED), never its choices',
        tags: TAGS,
        params: ReceiptParams,
        roles: ANY_ROLE,
        writes: false,
        response: { status: 200, description: 'What the receipt proves', schema: ReceiptCheck },
        handler: budgeting.evaluate('checkReceipt', ({ params }) => [params.id, sha256Hex(params.receipt)]),
      }),
      defineRoute({
        method: 'post',
        path: '/v1/budget-rounds/:id/close',
        operationId: 'closeRound',
        summary: 'Close a round from its closesAt on and publish the tally',
        tags: TAGS,
        params: IdParams,
        roles: BUDGET_CLERKS,
        writes: true,
        response: { status: 200, description: 'The closed round with its tally', schema: Submitted(BudgetRound) },
        handler: budgeting.submit('closeRound', ({ params }) => [params.id]),
      }),
    ],
  };
}
