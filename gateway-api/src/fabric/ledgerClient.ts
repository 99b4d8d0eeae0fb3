/**
 * What routes need from the ledger, and nothing more: routes depend on this interface, the
 * real implementation is {@link FabricLedgerClient} (fabricLedgerClient.ts), and unit tests use
 * `FakeLedgerClient` (testing/fakeLedgerClient.ts).
 *
 * Every call runs as the calling principal's own Fabric identity (`principal.user`), so the
 * chaincode sees the real caller and stays the authority on who may do what.
 *
 * @example
 * ```ts
 * const bytes = await ledger.evaluate(principal, 'records', 'property', 'getParcel', ['P-1']);
 * const { txId, blockNumber } = await ledger.submit(principal, 'records', 'property', 'registerParcel', [parcelJson], {
 *   transient: { owner: JSON.stringify(owner) },
 *   endorsingOrganizations: ['RegistryMSP'],
 * });
 * ```
 *
 * Failures are thrown as {@link LedgerError}.
 */
import type { Principal } from '../auth/principal';

/** Options of a submit: private data and the orgs that must endorse it. */
export interface SubmitOptions {
  /** Transient data: private fields, never written to the public ledger. Values are usually JSON text. */
  readonly transient?: Readonly<Record<string, string>>;
  /** Limit endorsement to these MSP IDs (the private data collection's members). */
  readonly endorsingOrganizations?: readonly string[];
}

/** A committed transaction. */
export interface SubmitOutcome {
  readonly txId: string;
  readonly blockNumber: bigint;
  /** The chaincode's return value (bytes, usually JSON). */
  readonly result: Uint8Array;
}

/** Whether one peer answered a cheap query, and its channel height if it did. */
export interface PeerStatus {
  readonly peer: string;
  readonly reachable: boolean;
  readonly height?: number;
  readonly error?: string;
}

export interface LedgerClient {
  /** Runs a query on one peer (failing over to the next if it is unavailable); nothing is ordered. */
  evaluate(principal: Principal, chaincode: string, contract: string, fn: string, args: readonly string[]): Promise<Uint8Array>;
  /** Endorses, orders and waits for the commit of a transaction. */
  submit(
    principal: Principal,
    chaincode: string,
    contract: string,
    fn: string,
    args: readonly string[],
    options?: SubmitOptions,
  ): Promise<SubmitOutcome>;
  /** Asks every configured peer for its channel height (for /readyz). Never throws. */
  probe(): Promise<PeerStatus[]>;
}
