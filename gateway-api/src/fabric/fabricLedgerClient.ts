/**
 * {@link LedgerClient} over @hyperledger/fabric-gateway: each call runs as the principal's own
 * identity, through the org's peers with failover, with a deadline per call kind.
 *
 * A write is three calls (endorse → submit → commit status), each failing over to the next
 * peer when one is unavailable: endorsing is a fresh proposal, submitting re-sends the same
 * signed-over transaction bytes (the ledger commits a transaction ID once), and the commit
 * status is a read. Failures are thrown as {@link LedgerError} with the phase and, once there is
 * one, the transaction ID.
 *
 * @example
 * ```ts
 * const ledger = new FabricLedgerClient({ channel: 'city', peers: connectPeers(config.peers, tlsRoot), identities, deadlines, probeUser, logger });
 * await ledger.evaluate(principal, 'records', 'property', 'getParcel', ['P-1']);
 * ledger.close();
 * ```
 */
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { Gateway } from '@hyperledger/fabric-gateway';
import { common, gateway as gatewayProtos, msp, peer as peerProtos } from '@hyperledger/fabric-protos';
import type { Logger } from 'pino';
import type { Principal } from '../auth/principal';
import type { CallDeadlines } from './callDeadlines';
import type { IdentityStore } from '../identities/identityStore';
import type { PeerConnection } from './connections';
import { Failover } from './failover';
import { openGateway } from './identityGateway';
import type { CommitStatus, EndorsedTransaction, LedgerClient, PeerStatus, TransactionRequest } from './ledgerClient';
import { toLedgerError, type LedgerPhase } from './ledgerError';

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

/** Transaction validation code → its name (`11` → `MVCC_READ_CONFLICT`). */
const VALIDATION_CODE_NAMES = new Map<number, string>(Object.entries(peerProtos.TxValidationCode).map(([name, code]) => [code, name]));

export class FabricLedgerClient implements LedgerClient {
  private readonly failover: Failover<PeerConnection>;
  /** One Gateway per (user, peer), cheap objects over the shared gRPC connection, with the certificate it signs with. */
  private readonly gateways = new Map<string, { readonly credentials: Uint8Array; readonly gateway: Gateway }>();

  constructor(private readonly options: FabricLedgerClientOptions) {
    this.failover = new Failover(options.peers);
  }

  async evaluate(principal: Principal, chaincode: string, contract: string, fn: string, args: readonly string[]): Promise<Uint8Array> {
    return this.withPeers('evaluate', async (peer) => {
      const gateway = await this.gateway(principal.user, peer);
      return gateway.getNetwork(this.options.channel).getContract(chaincode, contract).evaluate(fn, { arguments: [...args] });
    });
  }

  async endorse(principal: Principal, request: TransactionRequest): Promise<EndorsedTransaction> {
    const transaction = await this.withPeers('endorse', async (peer) => {
      const gateway = await this.gateway(principal.user, peer);
      const proposal = gateway
        .getNetwork(this.options.channel)
        .getContract(request.chaincode, request.contract)
        .newProposal(request.fn, {
          arguments: [...request.args],
          ...(request.transient ? { transientData: { ...request.transient } } : {}),
          ...(request.endorsingOrganizations ? { endorsingOrganizations: [...request.endorsingOrganizations] } : {}),
        });
      return proposal.endorse();
    });
    return { txId: transaction.getTransactionId(), result: transaction.getResult(), transaction: transaction.getBytes() };
  }

  async submit(principal: Principal, transaction: Uint8Array, waitMs?: number): Promise<void> {
    // Rebuilt from its bytes on whichever peer is used: the same transaction, re-signed by the same identity.
    await this.withPeers('submit', async (peer) => {
      const gateway = await this.gateway(principal.user, peer);
      await gateway.newTransaction(transaction).submit(waitMs !== undefined ? { deadline: Date.now() + waitMs } : undefined);
    });
  }

  async commitStatus(principal: Principal, txId: string, waitMs?: number): Promise<CommitStatus> {
    const identity = await this.options.identities.get(principal.user);
    const request = commitStatusRequest(this.options.channel, txId, identity.mspId, identity.credentials);
    const status = await this.withPeers('commitStatus', async (peer) => {
      const gateway = await this.gateway(principal.user, peer);
      return gateway.newCommit(request).getStatus(waitMs !== undefined ? { deadline: Date.now() + waitMs } : undefined);
    });
    return { txId, blockNumber: status.blockNumber, valid: status.successful, validationCode: VALIDATION_CODE_NAMES.get(status.code) ?? `VALIDATION_CODE_${status.code}` };
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
    for (const { gateway } of this.gateways.values()) gateway.close();
    this.gateways.clear();
  }

  private withPeers<T>(phase: LedgerPhase, call: (peer: PeerConnection) => Promise<T>): Promise<T> {
    return this.failover
      .run(
        call,
        // Orderers that already have the transaction answer UNAVAILABLE too: no other peer would do better.
        (err) => toLedgerError(err, phase).unavailable && !toLedgerError(err, phase).alreadyOrdered,
        (from, to) => this.options.logger.warn({ from: from.name, to: to.name, phase }, 'peer unavailable; failing over'),
      )
      .catch((err: unknown) => {
        throw toLedgerError(err, phase);
      });
  }

  /**
   * The user's Gateway over one peer, opened again when the user's certificate changed: a Gateway
   * signs as the identity it was opened with, and `renew` re-enrols users on disk (the keystore
   * serves the new certificate), so the old one would go on signing until the orderers refuse it
   * as expired. Fabric-gateway's close() releases nothing (the gRPC client is the caller's).
   */
  private async gateway(user: string, peer: PeerConnection): Promise<Gateway> {
    const identity = await this.options.identities.get(user);
    const key = `${user}@${peer.name}`;
    const cached = this.gateways.get(key);
    if (cached && Buffer.from(cached.credentials).equals(Buffer.from(identity.credentials))) return cached.gateway;
    const gateway = openGateway(peer.client, identity, this.options.deadlines);
    this.gateways.set(key, { credentials: identity.credentials, gateway });
    return gateway;
  }

}

/**
 * An unsigned commit-status request for any transaction ID (the peer needs only the channel, the
 * ID and the asking identity), so a transaction can be followed from another peer or after a
 * restart. The Gateway signs it.
 */
function commitStatusRequest(channel: string, txId: string, mspId: string, credentials: Uint8Array): Uint8Array {
  const creator = new msp.SerializedIdentity();
  creator.setMspid(mspId);
  creator.setIdBytes(credentials);
  const request = new gatewayProtos.CommitStatusRequest();
  request.setChannelId(channel);
  request.setTransactionId(txId);
  request.setIdentity(creator.serializeBinary());
  const signed = new gatewayProtos.SignedCommitStatusRequest();
  signed.setRequest(request.serializeBinary());
  return signed.serializeBinary();
}
