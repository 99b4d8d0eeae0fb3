/**
 * The open budget and council decisions: the `budget` and `council` contracts of the
 * `governance` chaincode. Everything here is public; the chaincode enforces the invariants
 * (409 CONFLICT, nothing written) and grants writes by remit (`budget`, `council`).
 *
 * | route | chaincode call | roles |
 * |---|---|---|
 * | `POST /v1/appropriations`, `GET /v1/appropriations/:id` | `budget:appropriate`, `getAppropriation` | clerk, registrar / any |
 * | `POST /v1/contracts`, `GET /v1/contracts/:id` | `budget:awardContract`, `getContract` | clerk, registrar / any |
 * | `GET /v1/contracts/:id/payments` | `budget:listContractPayments` | any |
 * | `POST /v1/payments` | `budget:recordPayment` | clerk, registrar |
 * | `GET /v1/budget-summaries/:department/:fiscalYear` | `budget:getBudgetSummary` | any |
 * | `POST /v1/council-decisions`, `GET /v1/council-decisions/:id` | `council:recordDecision`, `getDecision` | clerk, registrar / any |
 * | `POST /v1/council-decisions/:id/document-check` | `council:checkDocument(id, sha256(document))` | any (a read) |
 */
import { Role, sha256Hex } from '@city-ledger/domain';
import type { TObject, TSchema } from '@sinclair/typebox';
import { ANY_ROLE, defineRoute, type Resource, type Route } from '../http/route';
import { IdParams, Submitted } from '../schemas/common';
import {
  Appropriation,
  AppropriationBody,
  AwardContractBody,
  AwardedContract,
  BudgetSummary,
  BudgetSummaryParams,
  Decision,
  DocumentCheck,
  DocumentCheckBody,
  Payment,
  PaymentList,
  RecordDecisionBody,
  RecordPaymentBody,
} from '../schemas/governance';
import { contractOf, location } from '../calls/contractCalls';
import { created } from '../http/writeResults';

const budget = contractOf('governance', 'budget');
const council = contractOf('governance', 'council');
const CLERKS = [Role.Clerk, Role.Registrar];

/** What differs between a record-creating POST and its GET. */
interface CreateAndRead {
  readonly path: string;
  readonly tag: 'budget' | 'council';
  readonly noun: string;
  readonly fn: string;
  readonly read: string;
  /** A record input whose `id` names the record. */
  readonly body: TObject;
  readonly schema: TSchema;
  readonly summary: string;
  readonly description: string;
}

/** `POST /v1/<path>` submitting `fn(json)` (201 + Location) and `GET /v1/<path>/:id` evaluating `read(id)`. */
function createAndRead(spec: CreateAndRead): Route[] {
  const contract = spec.tag === 'council' ? council : budget;
  return [
    defineRoute({
      method: 'post',
      path: `/v1/${spec.path}`,
      operationId: spec.fn,
      summary: spec.summary,
      description: spec.description,
      tags: [spec.tag],
      body: spec.body,
      roles: CLERKS,
      writes: true,
      response: { status: 201, description: `The ${spec.noun}`, schema: Submitted(spec.schema) },
      handler: async ({ body, transact }) => transact(contract.request(spec.fn, [JSON.stringify(body)]), (outcome) => created(outcome, location(spec.path, (body as { id: string }).id))),
    }),
    defineRoute({
      method: 'get',
      path: `/v1/${spec.path}/:id`,
      operationId: spec.read,
      summary: `A ${spec.noun}`,
      tags: [spec.tag],
      params: IdParams,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: `The ${spec.noun}`, schema: spec.schema },
      handler: contract.evaluate(spec.read, ({ params }) => [params.id]),
    }),
  ];
}

export const budgetResource: Resource = {
  name: 'budget',
  description: 'The open budget: appropriations per department and fiscal year, contracts and payments, with their invariants (governance chaincode, budget contract)',
  routes: [
    ...createAndRead({
      path: 'appropriations',
      tag: 'budget',
      noun: 'appropriation',
      fn: 'appropriate',
      read: 'getAppropriation',
      body: AppropriationBody,
      schema: Appropriation,
      summary: 'Appropriate money to a department for a fiscal year',
      description: 'Departments with the `budget` remit. Amounts are cents. 409 when the ID exists.',
    }),
    ...createAndRead({
      path: 'contracts',
      tag: 'budget',
      noun: 'contract',
      fn: 'awardContract',
      read: 'getContract',
      body: AwardContractBody,
      schema: AwardedContract,
      summary: 'Award a contract against an appropriation',
      description: '409 when the contract was awarded before or would commit more than the appropriation; 404 for an unknown appropriation or procurement record (a logistics materials delivery).',
    }),
    defineRoute({
      method: 'get',
      path: '/v1/contracts/:id/payments',
      operationId: 'listContractPayments',
      summary: 'The payments on a contract, oldest first',
      tags: ['budget'],
      params: IdParams,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The payments', schema: PaymentList },
      handler: budget.evaluate('listContractPayments', ({ params }) => [params.id]),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/payments',
      operationId: 'recordPayment',
      summary: 'Record a payment on a contract',
      description: '409 when the ID exists or the payments would exceed the contract; nothing is written.',
      tags: ['budget'],
      body: RecordPaymentBody,
      roles: CLERKS,
      writes: true,
      response: { status: 201, description: 'The payment', schema: Submitted(Payment) },
      handler: async ({ body, transact }) => transact(budget.request('recordPayment', [JSON.stringify(body)]), (outcome) => created(outcome, location('contracts', body.contractId, 'payments'))),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/budget-summaries/:department/:fiscalYear',
      operationId: 'getBudgetSummary',
      summary: 'Spent against budgeted for a department and fiscal year',
      tags: ['budget'],
      params: BudgetSummaryParams,
      roles: ANY_ROLE,
      anonymous: true,
      writes: false,
      response: { status: 200, description: 'Budgeted, committed and spent, in cents', schema: BudgetSummary },
      handler: budget.evaluate('getBudgetSummary', ({ params }) => [params.department, params.fiscalYear]),
    }),
  ],
};

export const councilResource: Resource = {
  name: 'council',
  description: 'Council decisions: motion, document hash, the members\' recorded votes and the outcome (governance chaincode, council contract)',
  routes: [
    ...createAndRead({
      path: 'council-decisions',
      tag: 'council',
      noun: 'decision',
      fn: 'recordDecision',
      read: 'getDecision',
      body: RecordDecisionBody,
      schema: Decision,
      summary: 'Record a council decision',
      description: 'Departments with the `council` remit. The outcome is ADOPTED when YES votes outnumber NO. 409 when the ID exists.',
    }),
    defineRoute({
      method: 'post',
      path: '/v1/council-decisions/:id/document-check',
      operationId: 'checkDecisionDocument',
      summary: 'Check a presented document against the decision\'s recorded hash',
      description: 'A read: the gateway hashes the document (SHA-256 of its bytes) and asks the chaincode. MATCH or MISMATCH.',
      tags: ['council'],
      params: IdParams,
      body: DocumentCheckBody,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The check', schema: DocumentCheck },
      handler: council.evaluate('checkDocument', ({ params, body }) => [params.id, sha256Hex(Buffer.from(body.document, 'base64'))]),
    }),
  ],
};
