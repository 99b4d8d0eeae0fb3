/**
 * What `GetMetadata` describes for the governance contracts' `@Returns`: the domain's schemas,
 * by name, so the metadata states the same fields, limits and enums the chaincode validates.
 *
 * @example
 * ```ts
 * import './components';   // in each contract module, before its @Returns are read
 * ```
 */
import { declareComponents } from '@city-ledger/chaincode-common';
import { Appropriation, AwardedContract, BallotHistory, BudgetRound, BudgetSummary, Decision, DocumentCheck, Payment, ReceiptCheck } from '@city-ledger/domain';
import { Type } from '@sinclair/typebox';

declareComponents({
  BudgetRound,
  ReceiptCheck,
  BallotHistoryList: Type.Array(BallotHistory),
  AdmissionResult: Type.Object({ roundId: Type.String(), admitted: Type.Integer() }),
  Appropriation,
  AwardedContract,
  Payment,
  PaymentList: Type.Array(Payment),
  BudgetSummary,
  Decision,
  DocumentCheck,
});
