/**
 * Checks blocks one after another: each block's number follows the previous one, its data
 * hash matches its envelopes, and its previous-hash is the hash of the block before it.
 * The first block seen anchors the chain: block 0 must have no previous hash; a later first
 * block (a file that starts mid-chain, or a walk from `--from`) is trusted for its link.
 *
 * @example
 * ```ts
 * const verifier = new ChainVerifier();
 * for (const block of blocks) {
 *   const problem = verifier.check(block);
 *   if (problem) return problem;        // { block: 7, check: 'dataHash', ... }
 * }
 * verifier.tip(); // { height: 12, currentBlockHash: '…' }
 * ```
 */
import type { LedgerBlock } from './block';
import { blockDataHash, blockHeaderHash, equalBytes, toHex } from './blockHash';

/** Which check failed: the names reports use. */
export type BlockCheck = 'number' | 'previousHash' | 'dataHash' | 'signature' | 'format';

/** Why a block fails, with the values compared (hex for hashes). */
export interface BlockProblem {
  /** The block that fails; null when the very first record of a file cannot be parsed. */
  readonly block: number | null;
  readonly check: BlockCheck;
  readonly detail: string;
  readonly expected?: string;
  readonly actual?: string;
}

/** The last verified block: the chain's height and current block hash, as qscc GetChainInfo says them. */
export interface ChainTip {
  readonly height: number;
  readonly currentBlockHash: string;
}

export class ChainVerifier {
  private previous?: { number: number; hash: Uint8Array };

  /** Verifies the next block and, when it is sound, accepts it; returns its problem otherwise. */
  check(block: LedgerBlock): BlockProblem | undefined {
    const problem = this.problem(block);
    if (!problem) this.accept(block);
    return problem;
  }

  /** The next block's problem, without accepting it: other checks (signatures) may still refuse it. */
  problem(block: LedgerBlock): BlockProblem | undefined {
    return this.linkProblem(block) ?? dataProblem(block);
  }

  /** Makes `block` the last verified one, which the next block must link to. */
  accept({ header }: LedgerBlock): void {
    this.previous = { number: header.number, hash: blockHeaderHash(header) };
  }

  /** The last block that passed, or undefined before the first. */
  tip(): ChainTip | undefined {
    return this.previous && { height: this.previous.number + 1, currentBlockHash: toHex(this.previous.hash) };
  }

  private linkProblem({ header }: LedgerBlock): BlockProblem | undefined {
    const previous = this.previous;
    if (!previous) {
      if (header.number === 0 && header.previousHash.length > 0) {
        return { block: 0, check: 'previousHash', detail: 'the genesis block must have no previous hash', expected: '', actual: toHex(header.previousHash) };
      }
      return undefined;
    }
    if (header.number !== previous.number + 1) {
      return {
        block: previous.number + 1,
        check: 'number',
        detail: `block ${previous.number + 1} is numbered ${header.number}`,
        expected: String(previous.number + 1),
        actual: String(header.number),
      };
    }
    if (!equalBytes(header.previousHash, previous.hash)) {
      return {
        block: header.number,
        check: 'previousHash',
        detail: `previous hash is not the hash of block ${previous.number}`,
        expected: toHex(previous.hash),
        actual: toHex(header.previousHash),
      };
    }
    return undefined;
  }
}

function dataProblem({ header, data }: LedgerBlock): BlockProblem | undefined {
  const computed = blockDataHash(data);
  if (equalBytes(computed, header.dataHash)) return undefined;
  return {
    block: header.number,
    check: 'dataHash',
    detail: `data hash does not match the block's ${data.length} transaction(s)`,
    expected: toHex(header.dataHash),
    actual: toHex(computed),
  };
}
