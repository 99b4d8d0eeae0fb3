/**
 * Open budget and procurement (governance chaincode, `budget` contract): appropriations per
 * department and fiscal year, contracts awarded against them and payments against contracts.
 * The running sums (`committed`, `spent`, `paid`) are kept on the records so that each
 * invariant is one comparison: payments never exceed the contract, contracts never exceed the
 * appropriation.
 *
 * @example
 * ```ts
 * const input = parseJson(ContractInput, raw, 'contract');   // INVALID_ARGUMENT: contract.amount must be a whole number of cents ...
 * ```
 */
import { Type, type Static } from '@sinclair/typebox';
import { described, Id, Text, Timestamp } from '../schemas';
import { Amount } from './amounts';

/** A fiscal year. */
export const FiscalYear = Type.Integer({ minimum: 2000, maximum: 2200, description: 'Fiscal year, e.g. 2026' });

/** The `appropriationJson` argument of appropriate. */
export const AppropriationInput = Type.Object(
  { id: Id, department: described(Id, 'The department the money is for (org name)'), fiscalYear: FiscalYear, amount: Amount(), purpose: Text(300) },
  { additionalProperties: false },
);
export type AppropriationInput = Static<typeof AppropriationInput>;

/** An appropriation with what is committed to contracts and spent on payments. */
export const Appropriation = Type.Object(
  {
    ...AppropriationInput.properties,
    committed: Amount(0, 'Sum of the contracts awarded against it (never above amount)'),
    spent: Amount(0, 'Sum of the payments on those contracts'),
    createdBy: described(Type.String(), 'MSP ID'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false },
);
export type Appropriation = Static<typeof Appropriation>;

/** The `contractJson` argument of awardContract. */
export const ContractInput = Type.Object(
  {
    id: Id,
    appropriationId: Id,
    supplierId: Id,
    amount: Amount(),
    description: Type.Optional(Text(1000)),
    procurementId: Type.Optional(described(Id, 'The procurement record (a materials delivery in the logistics chaincode), where one exists')),
  },
  { additionalProperties: false },
);
export type ContractInput = Static<typeof ContractInput>;

/** A contract as awarded, with what has been paid on it. */
export const AwardedContract = Type.Object(
  {
    ...ContractInput.properties,
    department: Id,
    fiscalYear: FiscalYear,
    paid: Amount(0, 'Sum of its payments (never above amount)'),
    awardedBy: described(Type.String(), 'MSP ID'),
    awardedAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false },
);
export type AwardedContract = Static<typeof AwardedContract>;

/** The `paymentJson` argument of recordPayment. */
export const PaymentInput = Type.Object({ id: Id, contractId: Id, amount: Amount(), reference: Type.Optional(Text(300)) }, { additionalProperties: false });
export type PaymentInput = Static<typeof PaymentInput>;

/** A payment as recorded. */
export const Payment = Type.Object(
  { ...PaymentInput.properties, appropriationId: Id, recordedBy: described(Type.String(), 'MSP ID'), paidAt: Timestamp },
  { additionalProperties: false },
);
export type Payment = Static<typeof Payment>;

/** Spent against budgeted for one department and fiscal year. */
export const BudgetSummary = Type.Object(
  {
    department: Id,
    fiscalYear: FiscalYear,
    appropriations: Type.Array(Id),
    budgeted: Amount(0),
    committed: Amount(0),
    spent: Amount(0),
  },
  { additionalProperties: false },
);
export type BudgetSummary = Static<typeof BudgetSummary>;
