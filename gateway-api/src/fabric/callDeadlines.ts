/**
 * How long each kind of ledger call may take before the gateway gives up on it (gRPC deadlines).
 *
 * @example
 * ```ts
 * new FabricLedgerClient({ …, deadlines: DEFAULT_DEADLINES });
 * ```
 */
/** Per-call-kind gRPC deadlines, in milliseconds. */
export interface CallDeadlines {
  readonly evaluate: number;
  readonly endorse: number;
  readonly submit: number;
  readonly commitStatus: number;
}

/** Defaults: reads are quick; endorsement may run chaincode on several orgs; a commit waits for a block. */
export const DEFAULT_DEADLINES: CallDeadlines = { evaluate: 5_000, endorse: 15_000, submit: 5_000, commitStatus: 60_000 };
