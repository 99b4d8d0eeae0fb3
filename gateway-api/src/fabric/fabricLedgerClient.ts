/**
 * {@link LedgerClient} over @hyperledger/fabric-gateway: each call runs as the principal's own
 * identity, through the org's peers with failover, with a deadline per call kind.
 *
 * A submit is endorse → submit → wait for the commit status, done step by step so that only
 * the endorsement (safe to repeat) fails over to the next peer. Failures are thrown as
 * {@link LedgerError} with the phase and, once there is one, the transaction ID.
 *
 * @example
 * ```ts
 * const ledger = new FabricLedgerClient({ channel: 'city', peers: connectPeers(config.peers, tlsRoot), identities, deadlines, probeUser, logger });
 * await ledger.evaluate(principal, 'records', 'property', 'getParcel', ['P-1']);
 * ledger.close();
 * ```
 */
import { status as GrpcStatus } from '@grpc/grpc-js';
import { connect, hash, signers, type Gateway } from '@hyperledger/fabric-gateway';
import { common } from '@hyperledger/fabric-protos';
import type { Logger } from 'pino';
import type { Principal } from '../auth/principal';
import type { CallDeadlines } from '../config';
import type { IdentityStore } from '../identities/identityStore';
import type { PeerConnection } from './connections';
import { Failover } from './failover';
import type { LedgerClient, PeerStatus, SubmitOptions, SubmitOutcome } from './ledgerClient';
import { LedgerError, toLedgerError, type LedgerPhase } from './ledgerError';

export interface FabricLedgerClientOptions {
  readonly channel: string;
  /** The org's peers in order of preference. */
  readonly peers: readonly PeerConnection[];
  readonly identities: IdentityStore;
  readonly deadlines: CallDeadlines;
  /** Identity for the /readyz chain-info query. */
  readonly probeUser: string;
  readonly logger: Logger;
}

export class FabricLedgerClient implements LedgerClient {
  private readonly failover: Failover<PeerConnection>;
  /** One Gateway per (user, peer): cheap objects over the shared gRPC connection. */
  private readonly gateways = new Map<string, Promise<Gateway>>();

  constructor(private readonly options: FabricLedgerClientOptions) {
    this.failover = new Failover(options.peers);
  }

  async evaluate(principal: Principal, chaincode: string, contract: string, fn: string, args: readonly string[]): Promise<Uint8Array> {
    return this.withPeers('evaluate', async (peer) => {
      const gateway = await this.gateway(principal.user, peer);
      return gateway.getNetwork(this.options.channel).getContract(chaincode, contract).evaluate(fn, { arguments: [...args] });
    });
  }

  async submit(
    principal: Principal,
    chaincode: string,
    contract: string,
    fn: string,
    args: readonly string[],
    options: SubmitOptions = {},
  ): Promise<SubmitOutcome> {
    const transaction = await this.withPeers('endorse', async (peer) => {
      const gateway = await this.gateway(principal.user, peer);
      const proposal = gateway
        .getNetwork(this.options.channel)
        .getContract(chaincode, contract)
        .newProposal(fn, {
          arguments: [...args],
          ...(options.transient ? { transientData: { ...options.transient } } : {}),
          ...(options.endorsingOrganizations ? { endorsingOrganizations: [...options.endorsingOrganizations] } : {}),
        });
      return proposal.endorse();
    });
    const txId = transaction.getTransactionId();
    const submitted = await step('submit', txId, () => transaction.submit());
    const status = await step('commitStatus', txId, () => submitted.getStatus());
    if (!status.successful) {
      throw toLedgerError({ name: 'CommitError', message: `transaction ${txId} failed to commit`, code: status.code, transactionId: txId }, 'commit');
    }
    return { txId, blockNumber: status.blockNumber, result: submitted.getResult() };
  }

  async probe(): Promise<PeerStatus[]> {
    return Promise.all(
      this.options.peers.map(async (peer): Promise<PeerStatus> => {
        try {
          const gateway = await this.gateway(this.options.probeUser, peer);
          const bytes = await gateway.getNetwork(this.options.channel).getContract('qscc').evaluate('GetChainInfo', { arguments: [this.options.channel] });
          return { peer: peer.name, reachable: true, height: common.BlockchainInfo.deserializeBinary(bytes).getHeight() };
        } catch (err) {
          // Open endpoint: answer only the gRPC status name; the full message goes to the log.
          const error = toLedgerError(err, 'evaluate');
          this.options.logger.debug({ peer: peer.name, err: error.message }, 'readiness probe failed');
          return { peer: peer.name, reachable: false, error: error.grpcCode !== undefined ? (GrpcStatus[error.grpcCode] ?? 'ERROR') : 'ERROR' };
        }
      }),
    );
  }

  /** Closes every Gateway; the gRPC clients belong to the caller. */
  async close(): Promise<void> {
    for (const gateway of this.gateways.values()) (await gateway.catch(() => undefined))?.close();
    this.gateways.clear();
  }

  private withPeers<T>(phase: LedgerPhase, call: (peer: PeerConnection) => Promise<T>): Promise<T> {
    return this.failover
      .run(
        call,
        (err) => toLedgerError(err, phase).unavailable,
        (from, to) => this.options.logger.warn({ from: from.name, to: to.name, phase }, 'peer unavailable; failing over'),
      )
      .catch((err: unknown) => {
        throw toLedgerError(err, phase);
      });
  }

  private gateway(user: string, peer: PeerConnection): Promise<Gateway> {
    const key = `${user}@${peer.name}`;
    let gateway = this.gateways.get(key);
    if (!gateway) {
      gateway = this.connect(user, peer);
      this.gateways.set(key, gateway);
      gateway.catch(() => this.gateways.delete(key));
    }
    return gateway;
  }

  private async connect(user: string, peer: PeerConnection): Promise<Gateway> {
    const identity = await this.options.identities.get(user);
    const { deadlines } = this.options;
    return connect({
      client: peer.client,
      identity: { mspId: identity.mspId, credentials: identity.credentials },
      signer: signers.newPrivateKeySigner(identity.privateKey),
      hash: hash.sha256,
      evaluateOptions: () => ({ deadline: Date.now() + deadlines.evaluate }),
      endorseOptions: () => ({ deadline: Date.now() + deadlines.endorse }),
      submitOptions: () => ({ deadline: Date.now() + deadlines.submit }),
      commitStatusOptions: () => ({ deadline: Date.now() + deadlines.commitStatus }),
    });
  }
}

async function step<T>(phase: LedgerPhase, txId: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    const error = toLedgerError(err, phase);
    throw error.txId ? error : new LedgerError({ phase, message: error.message, grpcCode: error.grpcCode, details: error.details, txId, cause: err });
  }
}
