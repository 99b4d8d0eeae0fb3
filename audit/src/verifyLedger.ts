/**
 * Live ledger integrity: walks every block on the audited peer (the Auditor's own), checks the
 * hash chain and the orderers' signatures, checks that the peer's own GetChainInfo agrees with the blocks it served, and
 * compares the chain with other departments' peers at the highest block both have.
 *
 * @example
 * ```ts
 * const report = await verifyLedger(auditorSession, [healthSession]);
 * report.ok;            // false on a broken chain or a peer that disagrees
 * report.firstBadBlock; // { block: 7, check: 'dataHash', ... }
 * report.peers;         // [{ peer: 'peer0.health.city.local (HealthMSP)', height: 12, comparedBlock: 11, match: true }]
 * await verifyLedger(auditorSession, [], {}, (checked, of) => log(`${checked} of ${of}`));   // progress, block by block
 * ```
 */
import type { LedgerBlock } from './block';
import { blockHeaderHash, toHex } from './blockHash';
import { SignatureVerifier } from './blockSignatures';
import { AuditError } from './errors';
import { IntegrityReport, verifyBlocks } from './integrity';
import { lastConfigIndex } from './ordererConfig';
import type { LedgerPeer } from './peerSession';

/** Blocks to walk; both inclusive; the whole ledger by default. */
export interface BlockRange {
  readonly from?: number;
  readonly to?: number;
}

/** How another peer's chain compares with the audited one. */
export type PeerComparison =
  | { readonly peer: string; readonly height: number; readonly comparedBlock: number; readonly match: boolean; readonly hash: string; readonly auditedHash: string }
  | { readonly peer: string; readonly error: string };

export interface LedgerReport extends IntegrityReport {
  /** Height the audited peer reported (qscc GetChainInfo) when the walk began. */
  readonly peerHeight: number;
  /** Whether GetChainInfo's current block hash is the hash of the last block walked (only when walking to the tip). */
  readonly chainInfoMatches?: boolean;
  readonly peers: readonly PeerComparison[];
}

function checkRange(range: BlockRange, height: number): { from: number; to: number } {
  const from = range.from ?? 0;
  const to = range.to ?? height - 1;
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (!Number.isSafeInteger(value) || value < 0) throw new AuditError('INVALID_ARGUMENT', `block number ${name} must be a whole number from 0, got ${value}`);
    if (value >= height) throw new AuditError('INVALID_ARGUMENT', `block ${value} does not exist: the ledger's height is ${height} (blocks 0 to ${height - 1})`);
  }
  if (from > to) throw new AuditError('INVALID_ARGUMENT', `from (${from}) is after to (${to})`);
  return { from, to };
}

async function blockAt(session: LedgerPeer, number: number): Promise<LedgerBlock> {
  for await (const block of session.blocks(number, number)) return block;
  throw new AuditError('UNAVAILABLE', `${session.label} served no block ${number}`);
}

async function blockHashAt(session: LedgerPeer, number: number): Promise<string> {
  return toHex(blockHeaderHash((await blockAt(session, number)).header));
}

/**
 * A walk from block `from` > 0 checks signatures from the config in force there: the config
 * block its first block names, read from the same peer and trusted, as block 0 is for a full walk.
 */
async function signaturesFrom(audited: LedgerPeer, from: number): Promise<SignatureVerifier> {
  const signatures = new SignatureVerifier();
  if (from === 0) return signatures;
  const configNumber = lastConfigIndex(await blockAt(audited, from));
  if (configNumber !== undefined && configNumber < from) signatures.trust(await blockAt(audited, configNumber));
  return signatures;
}

async function compare(audited: LedgerPeer, auditedTo: number, auditedTip: string | null, other: LedgerPeer): Promise<PeerComparison> {
  try {
    const { height } = await other.chainInfo();
    const comparedBlock = Math.min(auditedTo, height - 1);
    const hash = await blockHashAt(other, comparedBlock);
    const auditedHash = comparedBlock === auditedTo && auditedTip !== null ? auditedTip : await blockHashAt(audited, comparedBlock);
    return { peer: other.label, height, comparedBlock, match: hash === auditedHash, hash, auditedHash };
  } catch (err) {
    if (!(err instanceof AuditError)) throw err;
    return { peer: other.label, error: err.message };
  }
}

/** Called as the walk goes: `checked` blocks of the range's `total` have passed (the gateway's progress). */
export type VerifyProgress = (checked: number, total: number) => void;

/** Verifies the audited peer's chain over `range`, then compares it with each of `others`. */
export async function verifyLedger(audited: LedgerPeer, others: readonly LedgerPeer[], range: BlockRange = {}, progress?: VerifyProgress): Promise<LedgerReport> {
  const info = await audited.chainInfo();
  const { from, to } = checkRange(range, info.height);
  const signatures = await signaturesFrom(audited, from);
  progress?.(0, to - from + 1);
  const chain = await verifyBlocks(
    audited.label,
    (async function* () {
      let checked = 0;
      // verifyBlocks asks for the next block only once the one before has passed.
      for await (const block of audited.blocks(from, to)) {
        yield { block };
        progress?.(++checked, to - from + 1);
      }
    })(),
    signatures,
  );
  const atTip = chain.ok && to === info.height - 1;
  const chainInfoMatches = atTip ? chain.currentBlockHash === info.currentBlockHash : undefined;
  const peers = chain.ok ? await Promise.all(others.map((other) => compare(audited, to, chain.currentBlockHash, other))) : [];
  const agreed = chainInfoMatches !== false && peers.every((p) => !('match' in p) || p.match);
  return { ...chain, ok: chain.ok && agreed, peerHeight: info.height, ...(chainInfoMatches !== undefined && { chainInfoMatches }), peers };
}
