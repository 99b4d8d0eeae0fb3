/**
 * State keys of the governance chaincode, in one place so that every contract and the tests
 * name a record the same way.
 *
 * @example
 * ```ts
 * const round = await readJson<BudgetRound>(ctx, roundKey(ctx, 'PB-2026'), 'round');
 * ```
 */
import { keyFor } from '@city-ledger/chaincode-common';
import type { Context } from 'fabric-contract-api';

/** Object types (the composite keys' first part); ballots are listed by their partial key. */
export const KeyType = {
  Round: 'budgetRound',
  Voter: 'roundVoter',
  AdmittedSubject: 'roundSubject',
  AdmittedCredential: 'roundCredential',
  Ballot: 'ballot',
  Receipt: 'ballotReceipt',
  Appropriation: 'appropriation',
  Contract: 'contract',
  Payment: 'payment',
  Decision: 'councilDecision',
} as const;

export const roundKey = (ctx: Context, roundId: string) => keyFor(ctx, KeyType.Round, roundId);
export const voterKey = (ctx: Context, roundId: string, nullifier: string) => keyFor(ctx, KeyType.Voter, roundId, nullifier);
export const admittedSubjectKey = (ctx: Context, roundId: string, subject: string) => keyFor(ctx, KeyType.AdmittedSubject, roundId, subject);
export const admittedCredentialKey = (ctx: Context, roundId: string, credentialId: string) => keyFor(ctx, KeyType.AdmittedCredential, roundId, credentialId);
export const ballotKey = (ctx: Context, roundId: string, nullifier: string) => keyFor(ctx, KeyType.Ballot, roundId, nullifier);
export const receiptKey = (ctx: Context, roundId: string, receiptHash: string) => keyFor(ctx, KeyType.Receipt, roundId, receiptHash);
export const appropriationKey = (ctx: Context, id: string) => keyFor(ctx, KeyType.Appropriation, id);
export const contractKey = (ctx: Context, id: string) => keyFor(ctx, KeyType.Contract, id);
export const paymentKey = (ctx: Context, id: string) => keyFor(ctx, KeyType.Payment, id);
export const decisionKey = (ctx: Context, id: string) => keyFor(ctx, KeyType.Decision, id);
