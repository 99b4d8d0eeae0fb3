/**
 * The city energy credit (energy chaincode, `credits` contract): accounts of households and of
 * the grid operator, deposits, transfers and every change of a balance. Private to the grid
 * operator's department, like the positions they pay for: their requests travel as transient
 * data, never as arguments. No balance ever goes below zero.
 *
 * @example
 * ```ts
 * const transfer = readTransient(ctx, 'transfer', CreditTransferInput);   // chaincode-common
 * ```
 */
import { Type, type Static } from '@sinclair/typebox';
import { described, Enum, Id, Text, Timestamp } from '../schemas';
import { AmountCents } from './units';

/**
 * The grid operator's balancing account: it takes the energy and the money that households'
 * meters leave unmatched, and the penalties. Reserved: no household may use this ID.
 */
export const GRID_ACCOUNT = 'GRID';

/** Why a balance changed. */
export const ENTRY_KINDS = ['DEPOSIT', 'WITHDRAWAL', 'TRANSFER', 'SETTLEMENT'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** The transient `deposit` of deposit, or `withdrawal` of withdraw: credit bought or cashed out at the operator. */
export const CreditMovementInput = Type.Object(
  { accountId: Id, amountCents: AmountCents, reference: Text(200, 'The operator’s payment reference') },
  { additionalProperties: false },
);
export type CreditMovementInput = Static<typeof CreditMovementInput>;

/** The transient `transfer` of transfer. */
export const CreditTransferInput = Type.Object(
  { from: Id, to: Id, amountCents: AmountCents, reference: Text(200) },
  { additionalProperties: false },
);
export type CreditTransferInput = Static<typeof CreditTransferInput>;

/** An account's balance. */
export const CreditAccount = Type.Object(
  { accountId: Id, balanceCents: Type.Integer({ minimum: 0 }), updatedAt: Timestamp },
  { additionalProperties: false },
);
export type CreditAccount = Static<typeof CreditAccount>;

/** One change of a balance, in the account's history. */
export const CreditEntry = Type.Object(
  {
    accountId: Id,
    kind: Enum(ENTRY_KINDS),
    amountCents: described(Type.Integer(), 'Positive: credited; negative: debited'),
    balanceCents: described(Type.Integer({ minimum: 0 }), 'The balance after this change'),
    reference: Type.String({ description: 'Payment reference, the other account of a transfer, or the settled interval' }),
    txId: Type.String(),
    at: Timestamp,
  },
  { additionalProperties: false },
);
export type CreditEntry = Static<typeof CreditEntry>;

/** What a deposit, withdrawal or transfer answers (and emits): no account, no amount. */
export const CreditReceipt = Type.Object({ kind: Enum(ENTRY_KINDS), txId: Type.String(), at: Timestamp }, { additionalProperties: false });
export type CreditReceipt = Static<typeof CreditReceipt>;
