/**
 * What a block says about each of its transactions, for the regulator's ledger browser: who
 * created it (org and `city.role`), which orgs endorsed it, its validation code, the chaincode
 * and function it called, the events it emitted and the keys it read and wrote. Values are
 * never included: a write's value, a private collection's hashed keys and every argument but
 * the function name stay out, so nothing private or personal leaves the block.
 *
 * @example
 * ```ts
 * const [tx] = transactionsOf(fromProtoBlock(block));
 * tx.creator;   // { mspId: 'RegistryMSP', role: 'clerk' }
 * tx.function;  // 'property:registerParcel'
 * tx.writes;    // [{ namespace: 'records', key: '\u0000parcel\u0000P-1\u0000' }]
 * ```
 */
import { X509Certificate } from 'node:crypto';
import { common, ledger, msp, peer } from '@hyperledger/fabric-protos';

const { rwset } = ledger;
const { kvrwset } = ledger.rwset;
import type { LedgerBlock } from './block';
import { validationCodeName } from './transactionCodes';

/** A key a transaction read or wrote, in a chaincode's namespace. */
export interface TransactionKey {
  readonly namespace: string;
  readonly key: string;
}

export interface TransactionDetail {
  readonly block: number;
  readonly index: number;
  readonly txId: string;
  /** `ENDORSER_TRANSACTION`, `CONFIG`, … */
  readonly type: string;
  /** RFC 3339, from the channel header. */
  readonly timestamp: string | null;
  readonly validationCode: string;
  readonly creator: { readonly mspId: string; readonly role: string | null };
  readonly endorsers: readonly string[];
  readonly chaincode: string | null;
  readonly function: string | null;
  readonly events: readonly string[];
  readonly reads: readonly TransactionKey[];
  readonly writes: readonly TransactionKey[];
  /** Private collections written (hashed keys only on the block, so only the collection names). */
  readonly collections: readonly string[];
}

const HEADER_TYPES = new Map(Object.entries(common.HeaderType).map(([name, code]) => [code, name]));
const utf8 = new TextDecoder();

/** Fabric CA puts the identity's attributes in this extension as JSON: `{"attrs":{"city.role":"clerk",…}}`. */
function roleOf(certificatePem: string): string | null {
  try {
    const raw = new X509Certificate(certificatePem).raw.toString('latin1');
    const match = /\{"attrs":\{[^}]*\}\}/.exec(raw);
    const attrs = match ? (JSON.parse(match[0]) as { attrs: Record<string, string> }).attrs : {};
    return attrs['city.role'] ?? null;
  } catch {
    return null;
  }
}

function identity(serialized: Uint8Array): { mspId: string; role: string | null } {
  const id = msp.SerializedIdentity.deserializeBinary(serialized);
  return { mspId: id.getMspid(), role: roleOf(utf8.decode(id.getIdBytes_asU8())) };
}

interface ChaincodePart {
  chaincode: string | null;
  fn: string | null;
  args: Uint8Array[];
  endorsers: string[];
  events: string[];
  reads: TransactionKey[];
  writes: TransactionKey[];
  collections: string[];
}

function chaincodePart(data: Uint8Array): ChaincodePart {
  const part: ChaincodePart = { chaincode: null, fn: null, args: [], endorsers: [], events: [], reads: [], writes: [], collections: [] };
  for (const action of peer.Transaction.deserializeBinary(data).getActionsList()) {
    const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
    const proposal = peer.ChaincodeProposalPayload.deserializeBinary(actionPayload.getChaincodeProposalPayload_asU8());
    const spec = peer.ChaincodeInvocationSpec.deserializeBinary(proposal.getInput_asU8()).getChaincodeSpec();
    part.chaincode = spec?.getChaincodeId()?.getName() ?? null;
    const [firstArg, ...args] = spec?.getInput()?.getArgsList_asU8() ?? [];
    part.fn = firstArg ? utf8.decode(firstArg) : null;
    part.args = args;
    const endorsed = actionPayload.getAction();
    for (const endorsement of endorsed?.getEndorsementsList() ?? []) part.endorsers.push(identity(endorsement.getEndorser_asU8()).mspId);
    const response = peer.ProposalResponsePayload.deserializeBinary(endorsed?.getProposalResponsePayload_asU8() ?? new Uint8Array());
    const chaincodeAction = peer.ChaincodeAction.deserializeBinary(response.getExtension_asU8());
    const event = peer.ChaincodeEvent.deserializeBinary(chaincodeAction.getEvents_asU8());
    if (event.getEventName() !== '') part.events.push(event.getEventName());
    for (const ns of rwset.TxReadWriteSet.deserializeBinary(chaincodeAction.getResults_asU8()).getNsRwsetList()) {
      const namespace = ns.getNamespace();
      const kv = kvrwset.KVRWSet.deserializeBinary(ns.getRwset_asU8());
      for (const read of kv.getReadsList()) part.reads.push({ namespace, key: read.getKey() });
      for (const write of kv.getWritesList()) part.writes.push({ namespace, key: write.getKey() });
      for (const collection of ns.getCollectionHashedRwsetList()) part.collections.push(`${namespace}/${collection.getCollectionName()}`);
    }
  }
  part.endorsers = [...new Set(part.endorsers)];
  return part;
}

/**
 * A transaction with its arguments after the function name, for readers inside the audit
 * package that must interpret an invocation (chaincode definitions from `_lifecycle` calls).
 * The arguments never go further: an application chaincode's may be personal data.
 */
export interface Invocation {
  readonly tx: TransactionDetail;
  readonly args: readonly Uint8Array[];
}

/** Every transaction of a block, decoded as far as it is public. */
export function transactionsOf(block: LedgerBlock): TransactionDetail[] {
  return invocationsOf(block).map((invocation) => invocation.tx);
}

/** Every transaction of a block, with its invocation's arguments. */
export function invocationsOf(block: LedgerBlock): Invocation[] {
  const flags = block.metadata[common.BlockMetadataIndex.TRANSACTIONS_FILTER];
  return block.data.map((envelope, index) => {
    const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(envelope).getPayload_asU8());
    const channelHeader = common.ChannelHeader.deserializeBinary(payload.getHeader()?.getChannelHeader_asU8() ?? new Uint8Array());
    const signatureHeader = common.SignatureHeader.deserializeBinary(payload.getHeader()?.getSignatureHeader_asU8() ?? new Uint8Array());
    const type = HEADER_TYPES.get(channelHeader.getType()) ?? `type ${channelHeader.getType()}`;
    const part = channelHeader.getType() === common.HeaderType.ENDORSER_TRANSACTION ? chaincodePart(payload.getData_asU8()) : undefined;
    const time = channelHeader.getTimestamp();
    const flag = flags?.[index];
    const tx: TransactionDetail = {
      block: block.header.number,
      index,
      txId: channelHeader.getTxId(),
      type,
      timestamp: time ? new Date(time.getSeconds() * 1000 + Math.floor(time.getNanos() / 1e6)).toISOString() : null,
      validationCode: flag === undefined ? 'UNFLAGGED' : validationCodeName(flag),
      creator: identity(signatureHeader.getCreator_asU8()),
      endorsers: part?.endorsers ?? [],
      chaincode: part?.chaincode ?? null,
      function: part?.fn ?? null,
      events: part?.events ?? [],
      reads: part?.reads ?? [],
      writes: part?.writes ?? [],
      collections: part?.collections ?? [],
    };
    return { tx, args: part?.args ?? [] };
  });
}
