/**
 * The part of a channel configuration that says who may sign blocks: the consensus type, its
 * consenters, and the orderer orgs' CAs (fabric `common/channelconfig`). Read from a config
 * block, as the chain is walked, so each block is checked against the config in force at it.
 *
 * - Raft (`etcdraft`): consenters are named by their TLS certificates (`ConsensusType.metadata`,
 *   `etcdraft.ConfigMetadata`); a block carries one signature, by the leader's signing identity.
 * - BFT: consenters carry their id and signing identity (`Orderers.consenter_mapping`); a block
 *   carries the signatures of a quorum, each naming its signer by id (`IdentifierHeader`).
 *
 * @example
 * ```ts
 * const config = ordererConfigOf(block); // undefined unless it is a config block
 * config?.type;                          // 'etcdraft'
 * config?.orgs.get('RegistryMSP')?.rootCerts[0]?.subject;
 * ```
 */
import { common, msp, orderer } from '@hyperledger/fabric-protos';
import { X509Certificate } from 'node:crypto';
import type { LedgerBlock } from './block';
import { bytesField, bytesFields, protoFields, stringField, uintField } from './protobufWire';

/** A consenter; `id`, `mspId` and `identity` only in BFT, where they name the signer. */
export interface ConsenterEntry {
  readonly endpoint: string;
  readonly tlsCerts: readonly X509Certificate[];
  readonly id?: number;
  readonly mspId?: string;
  readonly identity?: X509Certificate;
}

/** An orderer org's CAs as its MSP declares them in the channel config. */
export interface OrdererOrg {
  readonly mspId: string;
  readonly rootCerts: readonly X509Certificate[];
  readonly intermediateCerts: readonly X509Certificate[];
  readonly tlsRootCerts: readonly X509Certificate[];
  readonly tlsIntermediateCerts: readonly X509Certificate[];
}

/** Who may sign blocks under one config, and which block carried that config. */
export interface OrdererConfig {
  readonly block: number;
  readonly type: string;
  readonly consenters: readonly ConsenterEntry[];
  readonly orgs: ReadonlyMap<string, OrdererOrg>;
}

const certificates = (list: readonly Uint8Array[]) => list.map((pem) => new X509Certificate(pem));

/** An org's MSP as a config group declares it (orderer or application org). */
export function orgOf(group: common.ConfigGroup): OrdererOrg | undefined {
  const value = group.getValuesMap().get('MSP');
  if (!value) return undefined;
  const mspConfig = msp.MSPConfig.deserializeBinary(value.getValue_asU8());
  const fabric = msp.FabricMSPConfig.deserializeBinary(mspConfig.getConfig_asU8());
  return {
    mspId: fabric.getName(),
    rootCerts: certificates(fabric.getRootCertsList_asU8()),
    intermediateCerts: certificates(fabric.getIntermediateCertsList_asU8()),
    tlsRootCerts: certificates(fabric.getTlsRootCertsList_asU8()),
    tlsIntermediateCerts: certificates(fabric.getTlsIntermediateCertsList_asU8()),
  };
}

function consentersOf(type: string, consensus: orderer.ConsensusType, group: common.ConfigGroup): ConsenterEntry[] {
  if (type === 'etcdraft') {
    return orderer.etcdraft.ConfigMetadata.deserializeBinary(consensus.getMetadata_asU8())
      .getConsentersList()
      .map((c) => ({ endpoint: `${c.getHost()}:${c.getPort()}`, tlsCerts: certificates([c.getClientTlsCert_asU8(), c.getServerTlsCert_asU8()]) }));
  }
  const mapping = group.getValuesMap().get('Orderers');
  if (!mapping) throw new Error(`a ${type} config without an Orderers value names no consenters`);
  // common.Orderers { repeated Consenter consenter_mapping = 1 }; Consenter { id = 1, host = 2,
  // port = 3, msp_id = 4, identity = 5, client_tls_cert = 6, server_tls_cert = 7 } (Fabric 3.0).
  return bytesFields(protoFields(mapping.getValue_asU8()), 1).map((bytes) => {
    const c = protoFields(bytes);
    return {
      endpoint: `${stringField(c, 2)}:${uintField(c, 3)}`,
      tlsCerts: certificates([bytesField(c, 6), bytesField(c, 7)]),
      id: uintField(c, 1),
      mspId: stringField(c, 4),
      identity: new X509Certificate(bytesField(c, 5)),
    };
  });
}

/** The envelope's channel header, when it parses. */
export function channelHeaderOf(envelope: Uint8Array): common.ChannelHeader | undefined {
  try {
    const header = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(envelope).getPayload_asU8()).getHeader();
    return header ? common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8()) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The channel group of a config block's config; null for any other block, undefined for a
 * config block without one.
 */
export function channelGroupOf(block: LedgerBlock): common.ConfigGroup | null | undefined {
  const [envelope] = block.data;
  if (block.data.length !== 1 || !envelope || channelHeaderOf(envelope)?.getType() !== common.HeaderType.CONFIG) return null;
  const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(envelope).getPayload_asU8());
  return common.ConfigEnvelope.deserializeBinary(payload.getData_asU8()).getConfig()?.getChannelGroup();
}

/**
 * The orderer config a config block carries, or undefined for any other block. A config block
 * whose config cannot be read throws: the caller names the block.
 */
export function ordererConfigOf(block: LedgerBlock): OrdererConfig | undefined {
  const root = channelGroupOf(block);
  if (root === null) return undefined;
  const group = root?.getGroupsMap().get('Orderer');
  const consensusValue = group?.getValuesMap().get('ConsensusType');
  if (!group || !consensusValue) throw new Error('the config block has no Orderer group or ConsensusType');
  const consensus = orderer.ConsensusType.deserializeBinary(consensusValue.getValue_asU8());
  const type = consensus.getType();
  const orgs = new Map<string, OrdererOrg>();
  for (const [, orgGroup] of group.getGroupsMap().entries()) {
    const org = orgOf(orgGroup);
    if (org) orgs.set(org.mspId, org);
  }
  return { block: block.header.number, type, consenters: consentersOf(type, consensus, group), orgs };
}

/**
 * The number of the config block in force at `block`, as its orderer wrote it (fabric
 * `protoutil.GetLastConfigIndexFromBlock`); undefined when the block does not say.
 */
export function lastConfigIndex(block: LedgerBlock): number | undefined {
  try {
    const signatures = common.Metadata.deserializeBinary(block.metadata[common.BlockMetadataIndex.SIGNATURES] ?? new Uint8Array());
    if (signatures.getValue_asU8().length > 0) return common.OrdererBlockMetadata.deserializeBinary(signatures.getValue_asU8()).getLastConfig()?.getIndex();
    const legacy = common.Metadata.deserializeBinary(block.metadata[common.BlockMetadataIndex.LAST_CONFIG] ?? new Uint8Array());
    return legacy.getValue_asU8().length > 0 ? common.LastConfig.deserializeBinary(legacy.getValue_asU8()).getIndex() : undefined;
  } catch {
    return undefined;
  }
}
