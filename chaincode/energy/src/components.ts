/**
 * What `GetMetadata` describes for the energy contracts' `@Returns`: the domain's schemas, by
 * name, so the metadata states the same fields, limits and enums the chaincode validates.
 *
 * @example
 * ```ts
 * import './components';   // in each contract module, before its @Returns are read
 * ```
 */
import { Type } from '@sinclair/typebox';
import { declareComponents } from '@city-ledger/chaincode-common';
import { CarbonCredit, CarbonTotals, CreditAccount, CreditEntry, CreditReceipt, EmissionReduction, MarketInterval, MarketOrder } from '@city-ledger/domain';

declareComponents({
  MarketInterval,
  MarketOrder,
  MarketOrderList: Type.Array(MarketOrder),
  CreditAccount,
  CreditEntryList: Type.Array(CreditEntry),
  CreditReceipt,
  EmissionReduction,
  CarbonCredit,
  CarbonTotalsList: Type.Array(CarbonTotals),
});
