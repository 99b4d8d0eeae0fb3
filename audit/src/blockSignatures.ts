/**
 * Checks each block's orderer signatures against the consenters of the channel config in force
 * at that block, as fabric `protoutil.BlockSignatureVerifier` defines the signed bytes: each
 * `MetadataSignature` in `metadata[SIGNATURES]` signs `metadata.value ‖ header ‖ BlockHeaderBytes`,
 * where the header is the `SignatureHeader` (creator named inside) or, in BFT, the
 * `IdentifierHeader` (consenter id). The walk starts from a config block (block 0, the trust
 * anchor, carries no signature); a config block is checked under the config before it, then
 * its config is in force for the blocks after it.
 *
 * - Raft: at least one signature by a consenter: a signing certificate of an orderer org, issued
 *   by that org's CA, whose subject CN is that of a consenter's TLS certificate issued by the
 *   same org's TLS CA (both CAs enroll a node under one name).
 * - BFT: valid signatures of a quorum of distinct consenters, `ceil((n + f + 1) / 2)` with
 *   `f = floor((n - 1) / 3)` (fabric `policies.ComputeBFTQuorum`).
 * Signatures are ECDSA over SHA-256 with a low S, as Fabric's MSP requires (`verifyLowSEcdsa`).
 *
 * @example
 * ```ts
 * const signatures = new SignatureVerifier();
 * for (const block of blocks) {
 *   const problem = signatures.check(block); // { block: 7, check: 'signature', detail: 'signed by CN=intruder …' }
 * }
 * signatures.summary(); // { verified: 16, unchecked: 0, anchor: 0 }
 * ```
 */
import { common, msp } from '@hyperledger/fabric-protos';
import { verifyLowSEcdsa } from '@city-ledger/domain';
import { X509Certificate } from 'node:crypto';
import type { LedgerBlock } from './block';
import { blockHeaderBytes } from './blockHash';
import type { BlockProblem } from './chainVerifier';
import { ConsenterEntry, OrdererConfig, ordererConfigOf, OrdererOrg } from './ordererConfig';
import { bytesField, bytesFields, protoFields, uintField } from './protobufWire';

/** How many blocks had their signatures verified; `anchor` is the config block the walk trusted. */
export interface SignatureSummary {
  readonly verified: number;
  /** Blocks walked before any config was known (a file or walk that starts after its config block). */
  readonly unchecked: number;
  readonly anchor: number | null;
}

/** Whether `cert` chains to one of `roots`, directly or through `intermediates`. */
function issuedWithin(cert: X509Certificate, roots: readonly X509Certificate[], intermediates: readonly X509Certificate[], depth = 0): boolean {
  const issues = (ca: X509Certificate) => cert.checkIssued(ca) && cert.verify(ca.publicKey);
  if (roots.some(issues)) return true;
  return depth < 4 && intermediates.some((ca) => ca !== cert && issues(ca) && issuedWithin(ca, roots, intermediates, depth + 1));
}

const commonName = (cert: X509Certificate) => /^CN=(.*)$/m.exec(cert.subject)?.[1];

/** Raft: the consenter a signing certificate belongs to (same org's CAs, same CN as its TLS certificate). */
function raftConsenter(config: OrdererConfig, mspId: string, cert: X509Certificate): ConsenterEntry | undefined {
  const org: OrdererOrg | undefined = config.orgs.get(mspId);
  if (!org || !issuedWithin(cert, org.rootCerts, org.intermediateCerts)) return undefined;
  const name = commonName(cert);
  return config.consenters.find((c) => c.tlsCerts.some((tls) => commonName(tls) === name && issuedWithin(tls, org.tlsRootCerts, org.tlsIntermediateCerts)));
}

/** `ceil((n + f + 1) / 2)`, `f = floor((n - 1) / 3)`. */
export function bftQuorum(n: number): number {
  const f = Math.floor((n - 1) / 3);
  return Math.ceil((n + f + 1) / 2);
}

interface Signer {
  readonly consenter?: ConsenterEntry;
  readonly name: string;
}

/**
 * The signer one `MetadataSignature { signature_header = 1, signature = 2, identifier_header = 3 }`
 * names, and whether its signature holds. `IdentifierHeader { identifier = 1, nonce = 2 }`.
 */
function signerOf(config: OrdererConfig, value: Uint8Array, metadataSignature: Uint8Array, headerBytes: Uint8Array): { signer: Signer; valid: boolean } {
  const fields = protoFields(metadataSignature);
  const signatureHeader = bytesField(fields, 1);
  const signature = bytesField(fields, 2);
  const identifierHeader = bytesField(fields, 3);
  if (signatureHeader.length === 0 && identifierHeader.length > 0) {
    const id = uintField(protoFields(identifierHeader), 1);
    const consenter = config.consenters.find((c) => c.id === id);
    const signed = Buffer.concat([value, identifierHeader, headerBytes]);
    return { signer: { consenter, name: `consenter id ${id}` }, valid: !!consenter?.identity && verifyLowSEcdsa(consenter.identity.publicKey, signed, signature) };
  }
  const creator = msp.SerializedIdentity.deserializeBinary(common.SignatureHeader.deserializeBinary(signatureHeader).getCreator_asU8());
  const cert = new X509Certificate(creator.getIdBytes_asU8());
  const name = `${cert.subject.replace(/\n/g, ', ')} (${creator.getMspid()})`;
  const consenter =
    config.type === 'etcdraft'
      ? raftConsenter(config, creator.getMspid(), cert)
      : config.consenters.find((c) => c.mspId === creator.getMspid() && c.identity?.fingerprint256 === cert.fingerprint256);
  const signed = Buffer.concat([value, signatureHeader, headerBytes]);
  return { signer: { consenter, name }, valid: verifyLowSEcdsa(cert.publicKey, signed, signature) };
}

export class SignatureVerifier {
  private config?: OrdererConfig;
  private verified = 0;
  private unchecked = 0;
  private anchor: number | null = null;

  /**
   * Starts from a config block read elsewhere (a walk that begins after it), trusted as it is.
   * A block that is no readable config block leaves the next blocks unchecked until one comes.
   */
  trust(configBlock: LedgerBlock): void {
    try {
      this.config = ordererConfigOf(configBlock);
    } catch {
      this.config = undefined;
    }
    this.anchor = this.config ? configBlock.header.number : null;
  }

  /** Checks the next block's signatures; returns its problem, or undefined when it is sound. */
  check(block: LedgerBlock): BlockProblem | undefined {
    let next: OrdererConfig | undefined;
    try {
      next = ordererConfigOf(block);
    } catch (err) {
      return this.problem(block, `its channel config cannot be read: ${(err as Error).message}`);
    }
    if (!this.config) {
      // The first config seen is the anchor: the genesis block, unsigned, or a file that starts at a config block.
      if (next) {
        this.config = next;
        this.anchor = block.header.number;
      } else this.unchecked++;
      return undefined;
    }
    const problem = this.signatureProblem(block, this.config);
    if (problem) return problem;
    this.verified++;
    if (next) this.config = next;
    return undefined;
  }

  summary(): SignatureSummary {
    return { verified: this.verified, unchecked: this.unchecked, anchor: this.anchor };
  }

  private signatureProblem(block: LedgerBlock, config: OrdererConfig): BlockProblem | undefined {
    // common.Metadata { value = 1, repeated MetadataSignature signatures = 2 }
    let value: Uint8Array;
    let signatures: Uint8Array[];
    try {
      const metadata = protoFields(block.metadata[common.BlockMetadataIndex.SIGNATURES] ?? new Uint8Array());
      value = bytesField(metadata, 1);
      signatures = bytesFields(metadata, 2);
    } catch (err) {
      return this.problem(block, `its signature metadata cannot be read: ${(err as Error).message}`);
    }
    const headerBytes = blockHeaderBytes(block.header);
    const signers: Signer[] = [];
    for (const signature of signatures) {
      let checked;
      try {
        checked = signerOf(config, value, signature, headerBytes);
      } catch (err) {
        return this.problem(block, `a signature cannot be read: ${(err as Error).message}`);
      }
      if (!checked.signer.consenter) return this.problem(block, `signed by ${checked.signer.name}, not a consenter of the config in force (block ${config.block})`);
      if (!checked.valid) return this.problem(block, `the signature of ${checked.signer.name} does not verify over the block header and metadata`);
      signers.push(checked.signer);
    }
    const distinct = new Set(signers.map((s) => s.consenter)).size;
    const needed = config.type === 'etcdraft' ? 1 : bftQuorum(config.consenters.length);
    if (distinct < needed) {
      return this.problem(block, `signed by ${distinct} consenter(s) of the config in force (block ${config.block}), ${needed} needed (${config.type}, ${config.consenters.length} consenters)`);
    }
    return undefined;
  }

  private problem(block: LedgerBlock, detail: string): BlockProblem {
    return { block: block.header.number, check: 'signature', detail };
  }
}
