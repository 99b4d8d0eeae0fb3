/**
 * The Merkle tree of a telemetry batch. A leaf is SHA-256 of `0x00 || canonical JSON of the
 * signed reading` and an inner node SHA-256 of `0x01 || left || right` (RFC 6962's domain
 * separation, so a leaf can never pass for a node); a level's odd last node moves up unchanged.
 * Only the root goes on chain (`anchorBatch`); a proof is the sibling hashes from leaf to root.
 *
 * @example
 * ```ts
 * const leaves = signedReadings.map(readingLeafHash);
 * const root = merkleRoot(leaves);
 * verifyMerkleProof(leaves[3], merkleProof(leaves, 3), root);   // true
 * ```
 */
import { createHash } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import { canonicalJson } from '../json';
import { Enum, HexHash } from '../schemas';
import type { SignedDeviceReading } from './reading';

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

/** One step of a proof: the sibling's hash and on which side of the running hash it sits. */
export const MerkleStep = Type.Object({ side: Enum(['left', 'right'] as const), hash: HexHash }, { additionalProperties: false });
export type MerkleStep = Static<typeof MerkleStep>;

/** The sibling hashes from a leaf up to the root, lowest first. */
export const MerklePath = Type.Array(MerkleStep, { maxItems: 64 });

/** Leaf hash (hex) of a signed reading: what a batch's root commits to. */
export function readingLeafHash(signed: SignedDeviceReading): string {
  return leafHashOf(canonicalJson(signed));
}

/** {@link readingLeafHash} of a signed reading already in canonical JSON. */
export function leafHashOf(canonicalSignedReading: string): string {
  return createHash('sha256').update(LEAF).update(canonicalSignedReading).digest('hex');
}

function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE).update(left).update(right).digest();
}

/** Every level of the tree over `leaves` (hex), leaves first, root level last. */
function levels(leaves: readonly string[]): Buffer[][] {
  if (leaves.length === 0) {
    throw new RangeError('merkle: a tree needs at least one leaf');
  }
  const all: Buffer[][] = [leaves.map((leaf) => Buffer.from(leaf, 'hex'))];
  for (let level = all[0] as Buffer[]; level.length > 1; ) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const right = level[i + 1];
      next.push(right ? nodeHash(level[i] as Buffer, right) : (level[i] as Buffer));
    }
    all.push(next);
    level = next;
  }
  return all;
}

/** The root (hex) of the tree over `leaves`, in order. */
export function merkleRoot(leaves: readonly string[]): string {
  const all = levels(leaves);
  return (all[all.length - 1]?.[0] as Buffer).toString('hex');
}

/** The proof of the leaf at `index`. */
export function merkleProof(leaves: readonly string[], index: number): MerkleStep[] {
  if (!Number.isInteger(index) || index < 0 || index >= leaves.length) {
    throw new RangeError(`merkle: no leaf ${index} among ${leaves.length}`);
  }
  const path: MerkleStep[] = [];
  let at = index;
  for (const level of levels(leaves).slice(0, -1)) {
    const siblingAt = at % 2 === 0 ? at + 1 : at - 1;
    const sibling = level[siblingAt];
    if (sibling) {
      path.push({ side: siblingAt < at ? 'left' : 'right', hash: sibling.toString('hex') });
    }
    at = Math.floor(at / 2);
  }
  return path;
}

/** Whether `path` leads from `leaf` (hex) to `root` (hex). */
export function verifyMerkleProof(leaf: string, path: readonly MerkleStep[], root: string): boolean {
  let hash: Buffer = Buffer.from(leaf, 'hex');
  for (const step of path) {
    const sibling = Buffer.from(step.hash, 'hex');
    hash = step.side === 'left' ? nodeHash(sibling, hash) : nodeHash(hash, sibling);
  }
  return hash.toString('hex') === root;
}
