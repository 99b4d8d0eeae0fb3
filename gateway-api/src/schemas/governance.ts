/**
 * Governance schemas (governance chaincode). Every record and request is declared once, in
 * @city-ledger/domain (governance/*); this module only shapes the HTTP requests and answers
 * from them.
 */
import {
  AppropriationInput,
  Appropriation,
  AwardedContract,
  BudgetRound,
  BudgetSummary,
  ContractInput,
  Decision,
  DecisionInput,
  described,
  DocumentCheck,
  FiscalYear,
  HexHash,
  Id,
  MAX_ADMISSION_BATCH,
  MAX_ROUND_PROJECTS,
  Payment,
  PaymentInput,
  ReceiptCheck,
  RoundInput,
} from '@city-ledger/domain';
import { Type } from '@sinclair/typebox';

export { Appropriation, AwardedContract, BudgetRound, BudgetSummary, Decision, DocumentCheck, Payment, ReceiptCheck };

export const OpenRoundBody = RoundInput;
export const AppropriationBody = AppropriationInput;
export const AwardContractBody = ContractInput;
export const RecordPaymentBody = PaymentInput;
export const RecordDecisionBody = DecisionInput;

/** POST /v1/budget-rounds/:id/voters: the credentials whose holders are admitted together. */
export const AdmitVotersBody = Type.Object(
  {
    credentialIds: Type.Array(Id, {
      minItems: 1,
      maxItems: MAX_ADMISSION_BATCH,
      description: 'Credentials this department issued; admit many at once: the ledger cannot tell which nullifier belongs to which credential of one batch',
    }),
  },
  { additionalProperties: false },
);

export const AdmissionResult = Type.Object({ roundId: Id, admitted: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

/** POST /v1/budget-rounds/:id/ballots: who votes (never sent to the ledger) and what. */
export const CastBallotBody = Type.Object(
  {
    citizenId: described(Id, 'The voter\'s pseudonymous citizen ID: the gateway turns it into the round\'s nullifier and never sends it'),
    choices: Type.Array(Id, { maxItems: MAX_ROUND_PROJECTS, description: 'Approved projects; their costs together must fit the budget' }),
  },
  { additionalProperties: false },
);

/** The receipt of a cast ballot: the code only the voter gets, and what the ledger says of it. */
export const BallotReceipt = Type.Object(
  {
    ...ReceiptCheck.properties,
    receipt: described(HexHash, 'Keep it: GET /v1/budget-rounds/{id}/receipts/{receipt} says whether the ballot counted. The ledger holds only its SHA-256'),
  },
  { additionalProperties: false },
);

export const ReceiptParams = Type.Object({ id: Id, receipt: HexHash }, { additionalProperties: false });

export const BudgetSummaryParams = Type.Object(
  { department: described(Id, 'Department (org name)'), fiscalYear: Type.String({ pattern: '^[0-9]{4}$', description: FiscalYear.description }) },
  { additionalProperties: false },
);

export const PaymentList = Type.Array(Payment);

/** POST /v1/council-decisions/:id/document-check */
export const DocumentCheckBody = Type.Object(
  { document: Type.String({ minLength: 1, contentEncoding: 'base64', pattern: '^[A-Za-z0-9+/]*={0,2}$', description: 'The document, byte for byte, base64-encoded' }) },
  { additionalProperties: false },
);
