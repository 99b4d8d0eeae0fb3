/**
 * Carbon credits: the `carbon` contract of the `energy` chaincode. Everything here is public.
 *
 * | route | chaincode call | roles |
 * |---|---|---|
 * | `POST /v1/emission-reductions` | submit `recordReduction(reductionJson)` | officer (environment) |
 * | `GET /v1/emission-reductions/:id` | evaluate `getReduction(id)` | any |
 * | `POST /v1/carbon-credits` | submit `issueCredits(issueJson)` | officer (environment) |
 * | `GET /v1/carbon-credits/:id` | evaluate `getCredit(id)` | any |
 * | `POST /v1/carbon-credits/:id/transfer`, `retire` | submit `transferCredit(id, to)`, `retireCredit(id, retirementJson)` | officer (holder) |
 * | `GET /v1/carbon-totals/:year` | evaluate `getCarbonTotals(year)` | any |
 *
 * A lot's key-level policy names its holder, so Fabric's gateway asks the holder's peer to
 * endorse a transfer or a retirement.
 */
import { Role } from '@city-ledger/domain';
import { ANY_ROLE, defineRoute, type Resource } from '../http/route';
import { IdParams, Submitted } from '../schemas/common';
import { CarbonCredit, CarbonTotalsList, EmissionReduction, IssueCreditsBody, RecordReductionBody, RetireCreditBody, TransferCreditBody, YearParams } from '../schemas/energy';
import { contractOf, location } from '../calls/contractCalls';
import { created } from '../http/writeResults';

const carbon = contractOf('energy', 'carbon');
const TAGS = ['carbon'];
const OFFICERS = [Role.Officer];
const CreditAfter = (what: string) => ({ status: 200 as const, description: `The lot after ${what}`, schema: Submitted(CarbonCredit) });

export const carbonResource: Resource = {
  name: 'carbon',
  description: 'Verified emission reductions and carbon credits: issued against them, transferred, retired once (energy chaincode, carbon contract)',
  routes: [
    defineRoute({
      method: 'post',
      path: '/v1/emission-reductions',
      operationId: 'recordReduction',
      summary: "Record a verified emission reduction of a department, with the evidence's hash",
      tags: TAGS,
      body: RecordReductionBody,
      roles: OFFICERS,
      writes: true,
      response: { status: 201, description: 'The reduction', schema: Submitted(EmissionReduction) },
      handler: async ({ body, transact }) => transact(carbon.request('recordReduction', [JSON.stringify(body)]), (outcome) => created(outcome, location('emission-reductions', body.id))),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/emission-reductions/:id',
      operationId: 'getReduction',
      summary: 'A verified emission reduction and how much of it has been issued',
      tags: TAGS,
      params: IdParams,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The reduction', schema: EmissionReduction },
      handler: carbon.evaluate('getReduction', ({ params }) => [params.id]),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/carbon-credits',
      operationId: 'issueCredits',
      summary: 'Issue a lot of credits (tonnes CO2e) against a reduction',
      description: '422 when the reduction’s lots would exceed what it verified.',
      tags: TAGS,
      body: IssueCreditsBody,
      roles: OFFICERS,
      writes: true,
      response: { status: 201, description: 'The lot, held by the department that achieved the reduction', schema: Submitted(CarbonCredit) },
      handler: async ({ body, transact }) => transact(carbon.request('issueCredits', [JSON.stringify(body)]), (outcome) => created(outcome, location('carbon-credits', body.id))),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/carbon-credits/:id',
      operationId: 'getCredit',
      summary: 'A lot of carbon credits',
      tags: TAGS,
      params: IdParams,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The lot', schema: CarbonCredit },
      handler: carbon.evaluate('getCredit', ({ params }) => [params.id]),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/carbon-credits/:id/transfer',
      operationId: 'transferCredit',
      summary: 'Transfer an ACTIVE lot to another department',
      description: 'The holding department only.',
      tags: TAGS,
      params: IdParams,
      body: TransferCreditBody,
      roles: OFFICERS,
      writes: true,
      response: CreditAfter('the transfer'),
      handler: carbon.submit('transferCredit', ({ params, body }) => [params.id, body.to]),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/carbon-credits/:id/retire',
      operationId: 'retireCredit',
      summary: 'Retire a lot, once and only once',
      description: 'The holding department only; 409 CONFLICT when it is already retired.',
      tags: TAGS,
      params: IdParams,
      body: RetireCreditBody,
      roles: OFFICERS,
      writes: true,
      response: CreditAfter('the retirement'),
      handler: carbon.submit('retireCredit', ({ params, body }) => [params.id, JSON.stringify(body)]),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/carbon-totals/:year',
      operationId: 'getCarbonTotals',
      summary: 'Tonnes issued, transferred and retired per department, for one vintage year',
      tags: TAGS,
      params: YearParams,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'One entry per department with credits of that year', schema: CarbonTotalsList },
      handler: carbon.evaluate('getCarbonTotals', ({ params }) => [params.year]),
    }),
  ],
};
