/**
 * Ledger integrity reports: a chain of blocks checked by {@link ChainVerifier} (hash chain) and
 * {@link SignatureVerifier} (orderer signatures against the config in force), from a peer or
 * from block files, with each transaction's validation code, summed up as JSON.
 *
 * @example
 * ```ts
 * const report = await verifyBlocks('blockfile_000000', readBlockFile(bytes));
 * report.ok ? report.currentBlockHash : report.firstBadBlock; // { block: 7, check: 'dataHash', ... }
 * ```
 */
import type { LedgerBlock } from './block';
import { SignatureSummary, SignatureVerifier } from './blockSignatures';
import { BlockProblem, ChainVerifier } from './chainVerifier';
import { TransactionSummary, TransactionTally } from './transactionCodes';

/** Where a bad block sits in a block file. */
export interface FileLocation {
  readonly file: string;
  readonly offset: number;
}

/** The verdict on one chain of blocks. */
export interface IntegrityReport {
  readonly ok: boolean;
  /** The peer or files the blocks came from. */
  readonly source: string;
  /** Number of the first block checked (0 unless a file or walk starts later). */
  readonly firstBlock: number | null;
  readonly blocksChecked: number;
  /** Height (last good block + 1) and that block's hash, as far as the chain verified. */
  readonly height: number | null;
  readonly currentBlockHash: string | null;
  /** Blocks whose orderer signatures were verified against the consenters of their config. */
  readonly signatures: SignatureSummary;
  /** Validation codes of the transactions in the blocks that passed; invalid ones are not a failure. */
  readonly transactions: TransactionSummary;
  readonly firstBadBlock?: BlockProblem & Partial<FileLocation>;
}

/** A block and, for block files, where it was read. */
export interface LocatedBlock {
  readonly block: LedgerBlock;
  readonly location?: FileLocation;
}

/**
 * Runs the chain checks over `blocks` and stops at the first bad one. A source that throws
 * {@link UnreadableBlock} ends the walk with a `format` problem on the block expected next.
 */
export async function verifyBlocks(
  source: string,
  blocks: AsyncIterable<LocatedBlock> | Iterable<LocatedBlock>,
  signatures = new SignatureVerifier(),
): Promise<IntegrityReport> {
  const verifier = new ChainVerifier();
  const transactions = new TransactionTally();
  let firstBlock: number | null = null;
  let blocksChecked = 0;
  const report = (firstBadBlock?: IntegrityReport['firstBadBlock']): IntegrityReport => {
    const tip = verifier.tip();
    return {
      ok: firstBadBlock === undefined,
      source,
      firstBlock,
      blocksChecked,
      height: tip?.height ?? null,
      currentBlockHash: tip?.currentBlockHash ?? null,
      signatures: signatures.summary(),
      transactions: transactions.summary(),
      ...(firstBadBlock && { firstBadBlock }),
    };
  };
  try {
    for await (const { block, location } of blocks) {
      firstBlock ??= block.header.number;
      blocksChecked++;
      const problem = verifier.problem(block) ?? signatures.check(block);
      if (problem) return report({ ...problem, ...location });
      verifier.accept(block);
      transactions.add(block);
    }
  } catch (err) {
    if (!(err instanceof UnreadableBlock)) throw err;
    const expected = verifier.tip()?.height ?? null;
    return report({ block: expected, check: 'format', detail: err.message, ...err.location });
  }
  return report();
}

/** A block that cannot be parsed: the walk reports it as the first bad block. */
export class UnreadableBlock extends Error {
  constructor(
    message: string,
    readonly location?: FileLocation,
  ) {
    super(message);
    this.name = 'UnreadableBlock';
  }
}
