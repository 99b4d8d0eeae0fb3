import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigSignature, headerOf, signatureProblem, signConfigUpdate, SigningIdentity } from './configSignature';
import { ConfigGroupJson, ConfigUpdateJson, evaluateUpdate } from './modPolicy';
import { configUpdateEnvelope } from './protobuf';
import { summarizeUpdate } from './updateSummary';

/** Stable codes of the refusals; the CLI prints `error: CODE: message`. */
export type ProposalErrorCode = 'UNKNOWN_PROPOSAL' | 'NO_CHANGE' | 'WRONG_CHANNEL' | 'TAMPERED' | 'NOT_ADMIN' | 'WRONG_ORG' | 'STALE_CONFIG' | 'POLICY_NOT_MET';

export class ProposalError extends Error {
  constructor(
    readonly code: ProposalErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'ProposalError';
  }
}

/** The channel config as fetched (configtxlator's JSON of a common.Config). */
export interface ChannelConfigJson {
  readonly sequence?: string;
  readonly channel_group: ConfigGroupJson;
}

/** proposal.json: what was proposed, on which channel, against which config sequence. */
export interface ProposalRecord {
  readonly id: string;
  readonly channel: string;
  readonly what: string;
  readonly sequence: string;
  /** SHA-256 of update.pb, the bytes every signature covers. */
  readonly sha256: string;
}

/** A proposal read back and checked: intact, for this channel, on the current config. */
export interface CheckedProposal {
  readonly record: ProposalRecord;
  readonly update: Buffer;
  readonly updateJson: ConfigUpdateJson;
  readonly summary: string[];
}

/** Decodes a common.ConfigUpdate (configtxlator's JSON); throws on bytes that are not one. */
export type UpdateDecoder = (update: Buffer) => ConfigUpdateJson;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const ID = /^[0-9a-f]{12}$/;

/** The CA roots an org's MSP has in the channel config (Application or Orderer group). */
function mspRoots(config: ChannelConfigJson, mspId: string): string[] | undefined {
  for (const group of ['Application', 'Orderer']) {
    const msp = config.channel_group.groups?.[group]?.groups?.[mspId]?.values?.MSP as { value?: { config?: { root_certs?: string[] } } } | undefined;
    const roots = msp?.value?.config?.root_certs;
    if (roots) return roots.map((r) => Buffer.from(r, 'base64').toString('utf8'));
  }
  return undefined;
}

/**
 * Channel config updates proposed, signed and submitted by their owners, through the consortium
 * exchange folder (`<exchange>/proposals/<id>/`): `update.pb` (the computed config update, the
 * bytes everyone signs), `proposal.json`, `summary.txt`, and one `signatures/<MSP ID>.json` per
 * signing org. Nothing here talks to the network: the scripts fetch the config and decode the
 * update (configtxlator) and send the envelope (`peer channel update`).
 *
 * @example
 * const store = new ProposalStore(layout.proposalsDir(), 'city', decodeWithConfigtxlator);
 * const { id } = store.propose('anchor peers', update, config);
 * store.sign(id, 'HealthMSP', healthAdmin, config);
 * store.submit(id, config); // the envelope to send, or POLICY_NOT_MET naming whose signatures are missing
 */
export class ProposalStore {
  constructor(
    readonly dir: string,
    readonly channel: string,
    private readonly decode: UpdateDecoder,
  ) {}

  folder(id: string): string {
    if (!ID.test(id)) throw new ProposalError('UNKNOWN_PROPOSAL', `${JSON.stringify(id)} is not a proposal id (12 hex digits)`);
    return path.join(this.dir, id);
  }

  private checkChannel(updateJson: ConfigUpdateJson): void {
    if (updateJson.channel_id !== this.channel) {
      throw new ProposalError('WRONG_CHANNEL', `the update is for channel ${JSON.stringify(updateJson.channel_id)}, not ${this.channel}`);
    }
  }

  /** Writes a new proposal (or finds the same update proposed before). */
  propose(what: string, update: Buffer, config: ChannelConfigJson): { id: string; summary: string[] } {
    const updateJson = this.decode(update);
    this.checkChannel(updateJson);
    const summary = summarizeUpdate(config.channel_group, updateJson);
    if (summary.length === 0) throw new ProposalError('NO_CHANGE', 'the update changes nothing');
    const digest = sha256(update);
    const id = digest.slice(0, 12);
    const dir = this.folder(id);
    if (!existsSync(path.join(dir, 'proposal.json'))) {
      mkdirSync(path.join(dir, 'signatures'), { recursive: true });
      const record: ProposalRecord = { id, channel: this.channel, what, sequence: config.sequence ?? '0', sha256: digest };
      writeFileSync(path.join(dir, 'update.pb'), update);
      writeFileSync(path.join(dir, 'summary.txt'), `${what}\n${summary.map((l) => `  ${l}`).join('\n')}\n`);
      writeFileSync(path.join(dir, 'proposal.json'), `${JSON.stringify(record, null, 2)}\n`);
    }
    return { id, summary };
  }

  /**
   * Reads a proposal and checks it against the update's decoded bytes and the current config:
   * the bytes are the proposed ones, for this channel, and the channel has not moved on.
   */
  check(id: string, config: ChannelConfigJson): CheckedProposal {
    const dir = this.folder(id);
    if (!existsSync(path.join(dir, 'proposal.json'))) throw new ProposalError('UNKNOWN_PROPOSAL', `no proposal ${id} in ${this.dir}`);
    const record = JSON.parse(readFileSync(path.join(dir, 'proposal.json'), 'utf8')) as ProposalRecord;
    const update = readFileSync(path.join(dir, 'update.pb'));
    if (sha256(update) !== record.sha256) throw new ProposalError('TAMPERED', `update.pb of ${id} is not the update that was proposed (its SHA-256 differs)`);
    if (record.channel !== this.channel) throw new ProposalError('WRONG_CHANNEL', `proposal ${id} is for channel ${record.channel}, not ${this.channel}`);
    const updateJson = this.decode(update);
    this.checkChannel(updateJson);
    if ((config.sequence ?? '0') !== record.sequence) {
      throw new ProposalError('STALE_CONFIG', `proposal ${id} was computed on config sequence ${record.sequence}; the channel is at ${config.sequence ?? '0'}: propose it again`);
    }
    return { record, update, updateJson, summary: summarizeUpdate(config.channel_group, updateJson) };
  }

  /** Adds the signature of an org's admin, after checking that it is that org's admin. */
  sign(id: string, mspId: string, identity: SigningIdentity, config: ChannelConfigJson): CheckedProposal {
    const checked = this.check(id, config);
    if (identity.mspId !== mspId) throw new ProposalError('WRONG_ORG', `the identity given is of ${identity.mspId}, not ${mspId}`);
    const signature = signConfigUpdate(checked.update, identity);
    this.verify(signature, checked.update, config);
    writeFileSync(path.join(this.folder(id), 'signatures', `${mspId}.json`), `${JSON.stringify(signature, null, 2)}\n`);
    return checked;
  }

  private verify(signature: ConfigSignature, update: Buffer, config: ChannelConfigJson): void {
    const roots = mspRoots(config, signature.mspId);
    if (!roots) throw new ProposalError('WRONG_ORG', `${signature.mspId} is not an org of channel ${this.channel}`);
    const problem = signatureProblem(signature, update, roots);
    if (problem) throw new ProposalError(problem.code, problem.message);
  }

  /** The signatures so far, each verified; a file not named after its signer's MSP is refused. */
  signatures(id: string, update: Buffer, config: ChannelConfigJson): ConfigSignature[] {
    const dir = path.join(this.folder(id), 'signatures');
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => {
        const signature = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as ConfigSignature;
        if (`${signature.mspId}.json` !== f) throw new ProposalError('TAMPERED', `signatures/${f} holds a signature of ${signature.mspId}`);
        this.verify(signature, update, config);
        return signature;
      });
  }

  /**
   * The envelope to send once the signatures meet every policy the update needs (written to
   * `envelope.pb` in the proposal's folder); otherwise POLICY_NOT_MET naming what is missing.
   */
  submit(id: string, config: ChannelConfigJson): { envelope: string; signers: string[] } {
    const { update, updateJson } = this.check(id, config);
    const signatures = this.signatures(id, update, config);
    const signers = signatures.map((s) => s.mspId);
    const evaluation = evaluateUpdate(config.channel_group, updateJson, new Set(signers));
    if (!evaluation.satisfied) {
      throw new ProposalError('POLICY_NOT_MET', `signed by ${signers.join(', ') || 'no org'}; missing: ${evaluation.missing.join('; ')}`);
    }
    const envelope = path.join(this.folder(id), 'envelope.pb');
    const headers = signatures.map((s) => ({ signatureHeader: headerOf(s), signature: Buffer.from(s.signature, 'base64') }));
    writeFileSync(envelope, configUpdateEnvelope(this.channel, update, headers));
    return { envelope, signers };
  }
}
