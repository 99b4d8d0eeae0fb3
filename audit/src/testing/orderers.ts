/**
 * Test fixtures for block signatures: a small PKI made with openssl at test time (an orderer org
 * with a CA and a TLS CA, orderers enrolled at both under one name, as Fabric CA does), config
 * blocks naming Raft or BFT consenters, and blocks signed as fabric's orderers sign them.
 *
 * @example
 * ```ts
 * const pki = new TestPki(dir);
 * const org = pki.org('OrdererMSP');
 * const [o1, o2, o3] = ['o1', 'o2', 'o3'].map((name, i) => pki.orderer(org, name, i + 1));
 * const chain = new SignedChain();
 * chain.append([configEnvelope('etcdraft', [org], [o1, o2, o3])], []); // block 0, unsigned
 * chain.append([transaction('tx1')], [{ orderer: o1 }]);                // block 1, signed by o1
 * resign(chain.blocks[1], pki.stranger('OrdererMSP'));                  // re-signed by a key no consenter holds
 * ```
 */
import { common, msp, orderer } from '@hyperledger/fabric-protos';
import { lowSEcdsaSign } from '@city-ledger/domain';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LedgerBlock } from '../block';
import { blockDataHash, blockHeaderBytes, blockHeaderHash } from '../blockHash';
import { rawBytes, varint } from './blocks';
import { channelHeaderOf } from '../ordererConfig';

/** A signing identity: MSP ID, PEM certificate and key. */
export interface TestSigner {
  readonly mspId: string;
  readonly certificate: string;
  readonly privateKey: KeyObject;
}

/** An orderer: its signing identity, its TLS certificate and (BFT) its consenter id. */
export interface TestOrderer extends TestSigner {
  readonly tlsCertificate: string;
  readonly id: number;
}

interface TestCa {
  readonly privateKey: KeyObject;
  readonly certFile: string;
  readonly keyFile: string;
  readonly certificate: string;
}

/** An orderer org: its CA for signing certificates and its TLS CA. */
export interface TestOrg {
  readonly mspId: string;
  readonly ca: TestCa;
  readonly tlsCa: TestCa;
}

export class TestPki {
  constructor(private readonly dir: string) {}

  private key(name: string): { privateKey: KeyObject; keyFile: string } {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const keyFile = path.join(this.dir, `${name}-${randomBytes(4).toString('hex')}.key`);
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    return { privateKey, keyFile };
  }

  private ca(name: string): TestCa {
    const { privateKey, keyFile } = this.key(name);
    const certificate = execFileSync('openssl', ['req', '-x509', '-new', '-key', keyFile, '-subj', `/CN=${name}`, '-days', '2'], { stdio: 'pipe' }).toString();
    const certFile = `${keyFile}.pem`;
    writeFileSync(certFile, certificate);
    return { privateKey, certFile, keyFile, certificate };
  }

  private issue(ca: TestCa, name: string): { certificate: string; privateKey: KeyObject } {
    const { privateKey, keyFile } = this.key(name);
    const csr = execFileSync('openssl', ['req', '-new', '-key', keyFile, '-subj', `/OU=orderer/CN=${name}`], { stdio: 'pipe' });
    const serial = `0x${randomBytes(8).toString('hex')}`;
    const certificate = execFileSync('openssl', ['x509', '-req', '-CA', ca.certFile, '-CAkey', ca.keyFile, '-days', '2', '-set_serial', serial], { input: csr, stdio: 'pipe' }).toString();
    return { certificate, privateKey };
  }

  org(mspId: string): TestOrg {
    return { mspId, ca: this.ca(`ca.${mspId}`), tlsCa: this.ca(`tlsca.${mspId}`) };
  }

  /** An orderer enrolled at both of the org's CAs as `name`. */
  orderer(org: TestOrg, name: string, id: number): TestOrderer {
    return { mspId: org.mspId, ...this.issue(org.ca, name), tlsCertificate: this.issue(org.tlsCa, name).certificate, id };
  }

  /** Another identity of the org (a peer, a client): issued by its CA, but no consenter. */
  member(org: TestOrg, name: string): TestSigner {
    return { mspId: org.mspId, ...this.issue(org.ca, name) };
  }

  /** A key and self-signed certificate no CA of the channel issued, claiming `mspId`. */
  stranger(mspId: string, name = 'intruder'): TestSigner {
    const { certificate, privateKey } = this.ca(name);
    return { mspId, certificate, privateKey };
  }
}

function configValue(value: Uint8Array): common.ConfigValue {
  const configValue = new common.ConfigValue();
  configValue.setValue(value);
  return configValue;
}

function orgGroup(org: TestOrg): common.ConfigGroup {
  const fabric = new msp.FabricMSPConfig();
  fabric.setName(org.mspId);
  fabric.setRootCertsList([Buffer.from(org.ca.certificate)]);
  fabric.setTlsRootCertsList([Buffer.from(org.tlsCa.certificate)]);
  const mspConfig = new msp.MSPConfig();
  mspConfig.setType(0);
  mspConfig.setConfig(fabric.serializeBinary());
  const group = new common.ConfigGroup();
  group.getValuesMap().set('MSP', configValue(mspConfig.serializeBinary()));
  return group;
}

/** An envelope of type CONFIG whose Orderer group names `consenters` (Raft by TLS certificate, BFT by id and identity). */
export function configEnvelope(type: 'etcdraft' | 'BFT', orgs: readonly TestOrg[], consenters: readonly TestOrderer[]): Uint8Array {
  const group = new common.ConfigGroup();
  const consensus = new orderer.ConsensusType();
  consensus.setType(type);
  if (type === 'etcdraft') {
    const metadata = new orderer.etcdraft.ConfigMetadata();
    metadata.setConsentersList(
      consenters.map((o) => {
        const c = new orderer.etcdraft.Consenter();
        c.setHost('127.0.0.1');
        c.setPort(7050 + o.id);
        c.setClientTlsCert(Buffer.from(o.tlsCertificate));
        c.setServerTlsCert(Buffer.from(o.tlsCertificate));
        return c;
      }),
    );
    consensus.setMetadata(metadata.serializeBinary());
  } else {
    // common.Orderers { repeated Consenter consenter_mapping = 1 } (Fabric 3.0, written on the wire).
    const mapping = consenters.map((o) =>
      bytesField(
        1,
        Buffer.concat([
          varintField(1, o.id),
          bytesField(2, Buffer.from('127.0.0.1')),
          varintField(3, 7050 + o.id),
          bytesField(4, Buffer.from(o.mspId)),
          bytesField(5, Buffer.from(o.certificate)),
          bytesField(6, Buffer.from(o.tlsCertificate)),
          bytesField(7, Buffer.from(o.tlsCertificate)),
        ]),
      ),
    );
    group.getValuesMap().set('Orderers', configValue(Buffer.concat(mapping)));
  }
  group.getValuesMap().set('ConsensusType', configValue(consensus.serializeBinary()));
  for (const org of orgs) group.getGroupsMap().set(org.mspId, orgGroup(org));
  const root = new common.ConfigGroup();
  root.getGroupsMap().set('Orderer', group);
  const config = new common.Config();
  config.setChannelGroup(root);
  const configEnvelope = new common.ConfigEnvelope();
  configEnvelope.setConfig(config);
  return envelope(common.HeaderType.CONFIG, '', configEnvelope.serializeBinary());
}

function envelope(type: number, txId: string, data: Uint8Array): Uint8Array {
  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(type);
  channelHeader.setChannelId('city');
  channelHeader.setTxId(txId);
  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(data);
  const result = new common.Envelope();
  result.setPayload(payload.serializeBinary());
  return result.serializeBinary();
}

/** An endorser transaction envelope (its content is not read by the audit). */
export const transaction = (txId: string): Uint8Array => envelope(common.HeaderType.ENDORSER_TRANSACTION, txId, Buffer.from(`payload of ${txId}`));

/** How a signer names itself: its certificate (Raft, `SignatureHeader`) or its consenter id (BFT, `IdentifierHeader`). */
export interface BlockSigner {
  readonly orderer: TestSigner & { readonly id?: number };
  readonly by?: 'certificate' | 'id';
}

/** `metadata[SIGNATURES]` of a block: `value` (OrdererBlockMetadata) signed by each signer, as fabric's BlockWriter and SmartBFT do. */
export function signatureMetadata(header: LedgerBlock['header'], value: Uint8Array, signers: readonly BlockSigner[]): Uint8Array {
  // Metadata { value = 1, repeated MetadataSignature signatures = 2 };
  // MetadataSignature { signature_header = 1, signature = 2, identifier_header = 3 };
  // IdentifierHeader { identifier = 1, nonce = 2 }.
  const signatures = signers.map(({ orderer: signer, by = 'certificate' }) => {
    let signerHeader: Uint8Array;
    if (by === 'id') {
      signerHeader = Buffer.concat([varintField(1, signer.id ?? 0), bytesField(2, randomBytes(24))]);
    } else {
      const identity = new msp.SerializedIdentity();
      identity.setMspid(signer.mspId);
      identity.setIdBytes(Buffer.from(signer.certificate));
      const signatureHeader = new common.SignatureHeader();
      signatureHeader.setCreator(identity.serializeBinary());
      signatureHeader.setNonce(randomBytes(24));
      signerHeader = signatureHeader.serializeBinary();
    }
    const signature = lowSEcdsaSign(signer.privateKey, Buffer.concat([value, signerHeader, blockHeaderBytes(header)]));
    return bytesField(2, Buffer.concat([bytesField(by === 'id' ? 3 : 1, signerHeader), bytesField(2, signature)]));
  });
  return Buffer.concat([value.length > 0 ? bytesField(1, value) : Buffer.alloc(0), ...signatures]);
}

const varintField = (field: number, value: number): Buffer => Buffer.concat([varint(field * 8), varint(value)]);
const bytesField = (field: number, bytes: Uint8Array): Buffer => Buffer.concat([varint(field * 8 + 2), rawBytes(bytes)]);

/** The block with its signatures replaced by `signers`' over the same header and metadata value. */
export function resign(block: LedgerBlock, ...signers: BlockSigner[]): LedgerBlock {
  const value = common.Metadata.deserializeBinary(block.metadata[common.BlockMetadataIndex.SIGNATURES] ?? new Uint8Array()).getValue_asU8();
  const metadata = [...block.metadata];
  metadata[common.BlockMetadataIndex.SIGNATURES] = signatureMetadata(block.header, value, signers);
  return { ...block, metadata };
}

/** A linked chain of signed blocks, with the peer's validation flags. */
export class SignedChain {
  readonly blocks: LedgerBlock[] = [];
  private lastConfig = 0;

  /** Appends a block of `data`, signed by `signers`; `flags` are the validation codes (all VALID by default). */
  append(data: readonly Uint8Array[], signers: readonly BlockSigner[], flags: readonly number[] = data.map(() => 0)): LedgerBlock {
    const previous = this.blocks[this.blocks.length - 1];
    const number = this.blocks.length;
    const header = { number, previousHash: previous ? blockHeaderHash(previous.header) : new Uint8Array(), dataHash: blockDataHash(data) };
    const lastConfig = new common.LastConfig();
    lastConfig.setIndex(this.lastConfig);
    const ordererMetadata = new common.OrdererBlockMetadata();
    ordererMetadata.setLastConfig(lastConfig);
    const value = signers.length > 0 ? ordererMetadata.serializeBinary() : new Uint8Array();
    const block: LedgerBlock = { header, data: [...data], metadata: [signatureMetadata(header, value, signers), new Uint8Array(), Uint8Array.from(flags), new Uint8Array(), new Uint8Array()] };
    if (data.length === 1 && channelHeaderOf(data[0] as Uint8Array)?.getType() === common.HeaderType.CONFIG) this.lastConfig = number;
    this.blocks.push(block);
    return block;
  }
}
