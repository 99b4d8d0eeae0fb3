/**
 * A read-only Fabric Gateway session on one peer, as one enrolled user of one org (for the
 * regulator: `auditor` / `auditor1`). Every read is answered by that peer itself: blocks come
 * from its deliver service, and evaluations are restricted to its org (the Auditor runs one
 * peer), so an audit never silently reads another org's copy.
 *
 * @example
 * ```ts
 * const session = PeerSession.open(env, { org: 'auditor', user: 'auditor1' });
 * const { height } = await session.chainInfo();
 * for await (const block of session.blocks(0, height - 1)) ...;
 * session.close();
 * ```
 */
import * as grpc from '@grpc/grpc-js';
import { connect, Gateway, hash, Network, signers } from '@hyperledger/fabric-gateway';
import { common } from '@hyperledger/fabric-protos';
import { parseChaincodeError } from '@city-ledger/domain';
import { Consortium, findOrg, nodeHost, OrgDeclaration, PeerDeclaration, RuntimeLayout, endpoint } from '@city-ledger/network';
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fromProtoBlock, LedgerBlock } from './block';
import { toHex } from './blockHash';
import { AuditError, fileError } from './errors';

/** Where the network's org files, generated material and channel are. */
export interface AuditEnvironment {
  readonly consortium: Consortium;
  readonly layout: RuntimeLayout;
  readonly channel: string;
}

/**
 * Whose identity to use (`org`, `user`), and which peer to ask: `peer` of `peerOrg` (by
 * default the identity's own org, and its first peer). The Auditor compares its chain with a
 * department's peer as itself: `{ org: 'auditor', user: 'auditor1', peerOrg: 'health' }`.
 */
export interface SessionTarget {
  readonly org: string;
  readonly user: string;
  readonly peerOrg?: string;
  readonly peer?: string;
}

/** Evaluates chaincode functions on the audited peer: all the document and history checks need. */
export interface ChaincodeReader {
  evaluate(chaincode: string, fn: string, args: readonly string[]): Promise<Uint8Array>;
}

/** What qscc GetChainInfo answers. */
export interface ChainInfo {
  readonly height: number;
  readonly currentBlockHash: string;
}

/** One peer's chain: all the ledger walk and the tip comparison need. */
export interface LedgerPeer {
  /** Names the peer in reports. */
  readonly label: string;
  chainInfo(): Promise<ChainInfo>;
  /** Blocks `from`..`to`, both inclusive and below the height, in order. */
  blocks(from: number, to: number): AsyncIterable<LedgerBlock>;
}

const EVALUATE_MS = 15_000;
/** A block walk may take a while on a long ledger: a base plus a share per block. */
const DELIVER_BASE_MS = 30_000;
const DELIVER_PER_BLOCK_MS = 200;

function readIdentityFile(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw fileError(`cannot read ${what}`, file, err);
  }
}

/**
 * Turns a Fabric Gateway failure into an AuditError: the chaincode's `CODE: message`
 * (NOT_FOUND, INVALID_ARGUMENT, ...) when there is one, else UNAVAILABLE with the gRPC text.
 */
function fromGatewayError(err: unknown, what: string): AuditError {
  if (err instanceof AuditError) return err;
  const e = err as { message?: string; details?: { message?: string }[] };
  const text = [e.message ?? String(err), ...(e.details ?? []).map((d) => d.message ?? '')].join('\n');
  const coded = parseChaincodeError(text);
  if (coded?.code === 'NOT_FOUND' || coded?.code === 'INVALID_ARGUMENT') return new AuditError(coded.code, coded.message);
  const firstLine = (coded?.message ?? text).split('\n')[0] ?? '';
  return new AuditError('UNAVAILABLE', `${what} failed: ${firstLine}`);
}

function orgNamed(env: AuditEnvironment, key: string): OrgDeclaration {
  try {
    return findOrg(env.consortium, key);
  } catch (err) {
    throw new AuditError('INVALID_ARGUMENT', (err as Error).message);
  }
}

export class PeerSession implements ChaincodeReader, LedgerPeer {
  private constructor(
    /** The peer's org (evaluations are restricted to it). */
    readonly org: OrgDeclaration,
    readonly peer: PeerDeclaration,
    private readonly client: grpc.Client,
    private readonly gateway: Gateway,
    private readonly network: Network,
  ) {}

  /** Connects lazily: an unreachable peer shows up on the first call, as UNAVAILABLE. */
  static open(env: AuditEnvironment, target: SessionTarget): PeerSession {
    const user = orgNamed(env, target.org);
    const org = orgNamed(env, target.peerOrg ?? target.org);
    const peer = target.peer === undefined ? org.peers[0] : org.peers.find((p) => p.name === target.peer);
    if (!peer) throw new AuditError('INVALID_ARGUMENT', `no peer "${target.peer}" in ${org.key} (known: ${org.peers.map((p) => p.name).join(', ')})`);
    const msp = path.join(env.layout.clientDir(user, target.user), 'msp');
    const credentials = readIdentityFile(path.join(msp, 'signcerts', 'cert.pem'), `the certificate of ${user.key}/${target.user}`);
    const privateKey = createPrivateKey(readIdentityFile(path.join(msp, 'keystore', 'key.pem'), `the key of ${user.key}/${target.user}`));
    const tlsRoot = readIdentityFile(env.layout.tlsCaFile(org), `the TLS CA of ${org.key}`);
    const client = new grpc.Client(endpoint(peer.host, peer.port), grpc.credentials.createSsl(tlsRoot), {
      'grpc.ssl_target_name_override': nodeHost(org, peer.name),
    });
    const gateway = connect({
      client,
      identity: { mspId: user.mspId, credentials },
      signer: signers.newPrivateKeySigner(privateKey),
      hash: hash.sha256,
      evaluateOptions: () => ({ deadline: Date.now() + EVALUATE_MS }),
    });
    return new PeerSession(org, peer, client, gateway, gateway.getNetwork(env.channel));
  }

  /** `peer0.auditor.city.local (AuditorMSP)`, for reports. */
  get label(): string {
    return `${nodeHost(this.org, this.peer.name)} (${this.org.mspId})`;
  }

  /** Evaluates a chaincode function on this org's peer; chaincode errors become NOT_FOUND / INVALID_ARGUMENT. */
  async evaluate(chaincode: string, fn: string, args: readonly string[]): Promise<Uint8Array> {
    try {
      return await this.network.getContract(chaincode).evaluate(fn, { arguments: [...args], endorsingOrganizations: [this.org.mspId] });
    } catch (err) {
      throw fromGatewayError(err, `${chaincode} ${fn} on ${this.label}`);
    }
  }

  /** Height and current block hash (qscc GetChainInfo). */
  async chainInfo(): Promise<ChainInfo> {
    const bytes = await this.evaluate('qscc', 'GetChainInfo', [this.network.getName()]);
    const info = common.BlockchainInfo.deserializeBinary(bytes);
    return { height: info.getHeight(), currentBlockHash: toHex(info.getCurrentblockhash_asU8()) };
  }

  /** Blocks `from`..`to` (inclusive, both below the height) from this peer's deliver service. */
  async *blocks(from: number, to: number): AsyncGenerator<LedgerBlock> {
    const deadline = Date.now() + DELIVER_BASE_MS + (to - from + 1) * DELIVER_PER_BLOCK_MS;
    let events;
    try {
      events = await this.network.newBlockEventsRequest({ startBlock: BigInt(from) }).getEvents({ deadline });
    } catch (err) {
      throw fromGatewayError(err, `reading blocks from ${this.label}`);
    }
    try {
      for await (const block of events) {
        const read = fromProtoBlock(block);
        yield read;
        if (read.header.number >= to) return;
      }
    } catch (err) {
      throw fromGatewayError(err, `reading blocks from ${this.label}`);
    } finally {
      events.close();
    }
  }

  close(): void {
    this.gateway.close();
    this.client.close();
  }
}
