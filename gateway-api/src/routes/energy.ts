/**
 * The neighbourhood energy market and the city energy credit: the `market` and `credits`
 * contracts of the `energy` chaincode. The grid operator's department (the `energy-market`
 * remit) acts for households, which hold no Fabric identity: its gateway names the household and
 * its registered meter on each order.
 *
 * | route | chaincode call | roles |
 * |---|---|---|
 * | `POST /v1/energy-intervals` | submit `market:openInterval(intervalJson)` | officer, clerk |
 * | `GET /v1/energy-intervals/:id` | evaluate `getInterval(id)` (public: cleared price and volume) | any |
 * | `POST /v1/energy-intervals/:id/offers`, `bids` | submit `placeOffer(id)`, `placeBid(id)`, transient `order` | officer, clerk (members) |
 * | `POST /v1/energy-intervals/:id/clear`, `settle` | submit `clearInterval(id)`, `settleInterval(id)` | officer, clerk (members) |
 * | `GET /v1/energy-intervals/:id/positions[/:householdId]` | evaluate `listPositions(id)`, `getPosition(id, householdId)` (private) | officer, clerk (members) |
 * | `POST /v1/energy-credit/deposits`, `withdrawals`, `transfers` | submit `credits:deposit()`, `withdraw()`, `transfer()`, transient `deposit`, `withdrawal`, `transfer` | officer, clerk (members) |
 * | `GET /v1/energy-credit/accounts/:id[/history]` | evaluate `getAccount(id)`, `getAccountHistory(id)` (private) | officer, clerk (members) |
 *
 * Everything about a household (its order, its meter, its account) travels as transient data
 * to the positions collection's members and is endorsed by them only; answers of writes are
 * the public interval or a receipt.
 */
import { Role } from '@city-ledger/domain';
import { ANY_ROLE, defineRoute, type Resource } from '../http/route';
import { IdParams, NestedIdParams, Submitted } from '../schemas/common';
import { CreditAccount, CreditHistory, CreditMovementBody, CreditReceipt, CreditTransferBody, MarketInterval, MarketOrder, MarketOrderList, OpenIntervalBody, OrderBody } from '../schemas/energy';
import { contractOf, location } from '../calls/contractCalls';
import { membersOnly, PrivateData, requireMember } from '../calls/privateData';
import { created, submitted } from '../http/writeResults';
import type { RouteContext, RouteResult } from '../http/route';

const market = contractOf('energy', 'market');
const credits = contractOf('energy', 'credits');
const TAGS = ['energy'];
const OPERATOR = [Role.Officer, Role.Clerk];
const POSITIONS = 'household positions and accounts';
const members = membersOnly(PrivateData.energyPositions, POSITIONS);
const IntervalAfter = (what: string) => ({ status: 200 as const, description: `The public interval after ${what}`, schema: Submitted(MarketInterval) });
const Receipt = { status: 200 as const, description: 'A receipt: no account, no amount', schema: Submitted(CreditReceipt) };

/** A write endorsed by the positions collection's members only, with `transient` (private) inputs. */
function privateWrite<P, B, Q>(contract: typeof market, fn: string, args: (ctx: RouteContext<P, B, Q>) => readonly string[], transient?: (ctx: RouteContext<P, B, Q>) => Record<string, string>) {
  return async (ctx: RouteContext<P, B, Q>): Promise<RouteResult> => {
    requireMember(ctx.mspId, PrivateData.energyPositions, POSITIONS);
    const options = { endorsingOrganizations: PrivateData.energyPositions, ...(transient ? { transient: transient(ctx) } : {}) };
    return ctx.transact(contract.request(fn, args(ctx), options), (outcome) => submitted(200, outcome));
  };
}

export const energyResource: Resource = {
  name: 'energy',
  description: 'Neighbourhood energy market settled from device-signed meter readings, and the city energy credit (energy chaincode, market and credits contracts)',
  routes: [
    defineRoute({
      method: 'post',
      path: '/v1/energy-intervals',
      operationId: 'openInterval',
      summary: 'Open a delivery interval of the energy market',
      description: 'closesAt in the future and at or before deliveryStart; the penalty price settles shortfalls.',
      tags: TAGS,
      body: OpenIntervalBody,
      roles: OPERATOR,
      writes: true,
      response: { status: 201, description: 'The new interval', schema: Submitted(MarketInterval) },
      handler: async ({ body, transact }) => transact(market.request('openInterval', [JSON.stringify(body)]), (outcome) => created(outcome, location('energy-intervals', body.id))),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/energy-intervals/:id',
      operationId: 'getInterval',
      summary: 'An interval: status, cleared price and volume, settled totals',
      tags: TAGS,
      params: IdParams,
      roles: ANY_ROLE,
      writes: false,
      response: { status: 200, description: 'The interval', schema: MarketInterval },
      handler: market.evaluate('getInterval', ({ params }) => [params.id]),
    }),
    ...(['offers', 'bids'] as const).map((kind) =>
      defineRoute({
        method: 'post',
        path: `/v1/energy-intervals/:id/${kind}`,
        operationId: kind === 'offers' ? 'placeOffer' : 'placeBid',
        summary: kind === 'offers' ? "Offer a household's surplus (kWh at a minimum price)" : 'Bid for a household (kWh at a maximum price)',
        description: 'One order per household and interval, until closesAt. The meter must be an ACTIVE METER registered to the household. Sent as transient data to the operator’s peers only.',
        tags: TAGS,
        params: IdParams,
        body: OrderBody,
        roles: OPERATOR,
        writes: true,
        response: IntervalAfter('the order'),
        handler: privateWrite(market, kind === 'offers' ? 'placeOffer' : 'placeBid', ({ params }) => [params.id], ({ body }) => ({ order: JSON.stringify(body) })),
      }),
    ),
    defineRoute({
      method: 'post',
      path: '/v1/energy-intervals/:id/clear',
      operationId: 'clearInterval',
      summary: 'Clear a closed interval: one uniform price, every allocation',
      tags: TAGS,
      params: IdParams,
      roles: OPERATOR,
      writes: true,
      response: IntervalAfter('clearing'),
      handler: privateWrite(market, 'clearInterval', ({ params }) => [params.id]),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/energy-intervals/:id/settle',
      operationId: 'settleInterval',
      summary: "Settle a cleared interval from the meters' signed readings",
      description: '409 CONFLICT, changing nothing, when an account (the GRID account included) cannot pay.',
      tags: TAGS,
      params: IdParams,
      roles: OPERATOR,
      writes: true,
      response: IntervalAfter('settlement'),
      handler: privateWrite(market, 'settleInterval', ({ params }) => [params.id]),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/energy-intervals/:id/positions',
      operationId: 'listPositions',
      summary: "Every household's order, allocation and settlement in an interval (private)",
      tags: TAGS,
      params: IdParams,
      roles: OPERATOR,
      writes: false,
      response: { status: 200, description: 'The positions, by household ID', schema: MarketOrderList },
      handler: market.evaluate('listPositions', ({ params }) => [params.id], members),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/energy-intervals/:id/positions/:householdId',
      operationId: 'getPosition',
      summary: "One household's position in an interval (private)",
      tags: TAGS,
      params: NestedIdParams('householdId'),
      roles: OPERATOR,
      writes: false,
      response: { status: 200, description: 'The position', schema: MarketOrder },
      handler: market.evaluate('getPosition', ({ params }) => [params.id, params.householdId], members),
    }),
    ...([
      ['deposits', 'deposit', 'deposit', CreditMovementBody, 'Credit an account (credit bought at the operator)'],
      ['withdrawals', 'withdraw', 'withdrawal', CreditMovementBody, 'Debit an account (credit cashed out); 409 when it holds less'],
      ['transfers', 'transfer', 'transfer', CreditTransferBody, 'Move credit between two accounts; 409 when the payer holds less'],
    ] as const).map(([path, fn, transient, body, summary]) =>
      defineRoute({
        method: 'post',
        path: `/v1/energy-credit/${path}`,
        operationId: `${fn}EnergyCredit`,
        summary,
        description: 'Sent as transient data to the operator’s peers only; the answer names no account and no amount.',
        tags: TAGS,
        body,
        roles: OPERATOR,
        writes: true,
        response: Receipt,
        handler: privateWrite(credits, fn, () => [], ({ body: request }) => ({ [transient]: JSON.stringify(request) })),
      }),
    ),
    defineRoute({
      method: 'get',
      path: '/v1/energy-credit/accounts/:id',
      operationId: 'getEnergyCreditAccount',
      summary: "An account's balance (private)",
      tags: TAGS,
      params: IdParams,
      roles: OPERATOR,
      writes: false,
      response: { status: 200, description: 'The account; 0 for one never credited', schema: CreditAccount },
      handler: credits.evaluate('getAccount', ({ params }) => [params.id], members),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/energy-credit/accounts/:id/history',
      operationId: 'getEnergyCreditHistory',
      summary: "Every change of an account's balance, oldest first (private)",
      tags: TAGS,
      params: IdParams,
      roles: OPERATOR,
      writes: false,
      response: { status: 200, description: 'The changes', schema: CreditHistory },
      handler: credits.evaluate('getAccountHistory', ({ params }) => [params.id], members),
    }),
  ],
};
