/**
 * Offline integrity check of a peer's or an orderer's block files: one `blockfile_NNNNNN`, or a
 * folder of them (a peer's `ledgersData/chains/chains/<channel>`), read in suffix order as one
 * chain. Only reads: a copy is checked as it is.
 *
 * @example
 * ```ts
 * const report = await verifyBlockFiles('/backup/chains/city');
 * report.firstBadBlock; // { block: 5, check: 'dataHash', file: '…/blockfile_000000', offset: 10342, ... }
 * ```
 */
import { channelBlockFilesDir, type OrgDeclaration, type RuntimeLayout } from '@city-ledger/network';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { BlockFileFormatError, readBlockFile } from './blockFile';
import { AuditError, fileError } from './errors';
import { IntegrityReport, LocatedBlock, UnreadableBlock, verifyBlocks } from './integrity';

const BLOCK_FILE = /^blockfile_\d{6}$/;

/**
 * Where a peer of this network keeps a channel's block files: the node's data folder
 * (CORE_PEER_FILESYSTEMPATH), then Fabric's own `ledgersData/chains/chains/<channel>`.
 */
export function peerBlockFilesDir(layout: RuntimeLayout, org: OrgDeclaration, peer: string, channel: string): string {
  return path.join(layout.nodeDataDir(org, peer), channelBlockFilesDir('peer', channel));
}

/** The block files `target` names: itself, or a folder's `blockfile_*` in order. */
export async function blockFilesAt(target: string): Promise<string[]> {
  let info;
  try {
    info = await stat(target);
  } catch (err) {
    throw fileError('cannot read', target, err);
  }
  if (!info.isDirectory()) return [target];
  const files = (await readdir(target)).filter((name) => BLOCK_FILE.test(name)).sort();
  if (files.length === 0) throw new AuditError('UNREADABLE', `${target} holds no block files (blockfile_NNNNNN)`);
  return files.map((name) => path.join(target, name));
}

async function* blocksOf(files: readonly string[]): AsyncGenerator<LocatedBlock> {
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (err) {
      throw fileError('cannot read', file, err);
    }
    try {
      for (const record of readBlockFile(bytes)) yield { block: record.block, location: { file, offset: record.offset } };
    } catch (err) {
      if (!(err instanceof BlockFileFormatError)) throw err;
      throw new UnreadableBlock(`cannot be parsed: ${err.problem}`, { file, offset: err.offset });
    }
  }
}

/** Verifies the chain in a block file or a folder of block files. */
export async function verifyBlockFiles(target: string): Promise<IntegrityReport> {
  const files = await blockFilesAt(target);
  return verifyBlocks(target, blocksOf(files));
}
