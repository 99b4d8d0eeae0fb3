/**
 * Energy schemas (energy chaincode): the market, the city energy credit and carbon credits.
 * Every record and request is declared once, in @city-ledger/domain (energy/*); this module only
 * shapes the HTTP requests and answers from them.
 */
import {
  CarbonCredit,
  CarbonTotals,
  CreditAccount,
  CreditEntry,
  CreditMovementInput,
  CreditReceipt,
  CreditTransferInput,
  EmissionReduction,
  IntervalInput,
  IssueInput,
  MarketInterval,
  MarketOrder,
  OrderInput,
  ReductionInput,
  RetirementInput,
} from '@city-ledger/domain';
import { Type } from '@sinclair/typebox';
import { Department } from './logistics';

export { CarbonCredit, CreditAccount, CreditReceipt, EmissionReduction, MarketInterval, MarketOrder };

/** POST /v1/energy-intervals */
export const OpenIntervalBody = IntervalInput;
/** POST /v1/energy-intervals/:id/offers and /bids: sent to the operator's peers as transient data. */
export const OrderBody = OrderInput;
export const MarketOrderList = Type.Array(MarketOrder);

/** POST /v1/energy-credit/deposits and /withdrawals: transient data. */
export const CreditMovementBody = CreditMovementInput;
/** POST /v1/energy-credit/transfers: transient data. */
export const CreditTransferBody = CreditTransferInput;
export const CreditHistory = Type.Array(CreditEntry);

/** POST /v1/emission-reductions */
export const RecordReductionBody = ReductionInput;
/** POST /v1/carbon-credits */
export const IssueCreditsBody = IssueInput;
/** POST /v1/carbon-credits/:id/transfer */
export const TransferCreditBody = Type.Object({ to: Department }, { additionalProperties: false, description: 'to: the receiving department (not the holder)' });
/** POST /v1/carbon-credits/:id/retire */
export const RetireCreditBody = RetirementInput;
/** GET /v1/carbon-totals/:year */
export const YearParams = Type.Object({ year: Type.String({ pattern: '^(20[0-9]{2}|2100)$', description: 'Vintage year, 2000-2100' }) }, { additionalProperties: false });
export const CarbonTotalsList = Type.Array(CarbonTotals);
