/**
 * Offline check of a node's backup folder (network/backup.sh): every file its manifest lists,
 * by size and sha256; no file it does not list; and the channel's block files, checked as
 * {@link verifyBlockFiles} checks any (hash chain, orderer signatures), up to the height and tip
 * block hash the manifest records. `audit verify-file` runs it on a folder holding a
 * `manifest.json`; network/restore.sh refuses a backup that fails it.
 *
 * @example
 * ```ts
 * const report = await verifyBackup('.runtime/backups/registry-peer1/20261130T235901Z');
 * report.problems; // [{ code: 'BACKUP_FILE_ALTERED', path: 'data/ledgersData/…/blockfile_000000', … }]
 * ```
 */
import { BACKUP_DATA_DIR, BACKUP_MANIFEST_FILE, BackupError, BackupManifest, fileSha256, filesUnder, readBackupManifest } from '@city-ledger/network';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { AuditError } from './errors';
import type { IntegrityReport } from './integrity';
import { verifyBlockFiles } from './verifyBlockFiles';

/**
 * BACKUP_FILE_MISSING: a listed file is gone; BACKUP_FILE_ALTERED: its size or sha256 differs;
 * BACKUP_FILE_UNLISTED: a file the manifest does not list; BACKUP_CHAIN_BROKEN: the block files do
 * not verify; BACKUP_TIP_MISMATCH: they verify, but end at another height or block than recorded.
 */
export type BackupProblemCode = 'BACKUP_FILE_MISSING' | 'BACKUP_FILE_ALTERED' | 'BACKUP_FILE_UNLISTED' | 'BACKUP_CHAIN_BROKEN' | 'BACKUP_TIP_MISMATCH';

export interface BackupProblem {
  readonly code: BackupProblemCode;
  /** The file, relative to the backup folder, when the problem is one file's. */
  readonly path?: string;
  readonly detail: string;
}

export interface BackupReport {
  readonly ok: boolean;
  readonly backup: string;
  readonly node: string;
  readonly kind: BackupManifest['kind'];
  readonly createdAt: string;
  readonly channel: string;
  readonly height: number;
  readonly tipBlockHash: string;
  readonly filesChecked: number;
  readonly problems: readonly BackupProblem[];
  /** The block files' own report (null when none can be read: see the problems). */
  readonly chain: IntegrityReport | null;
}

/** True if `target` is a folder holding a backup manifest. */
export async function isBackupFolder(target: string): Promise<boolean> {
  try {
    return (await stat(path.join(target, BACKUP_MANIFEST_FILE))).isFile();
  } catch {
    return false;
  }
}

/** The problem with one listed file, if any. */
async function fileProblem(folder: string, file: BackupManifest['files'][number]): Promise<BackupProblem | undefined> {
  const full = path.join(folder, file.path);
  let size: number;
  try {
    size = (await stat(full)).size;
  } catch {
    return { code: 'BACKUP_FILE_MISSING', path: file.path, detail: `listed (${file.size} bytes) but not in the backup` };
  }
  if (size !== file.size) return { code: 'BACKUP_FILE_ALTERED', path: file.path, detail: `${size} bytes, the manifest says ${file.size}` };
  const sha256 = fileSha256(full);
  if (sha256 !== file.sha256) return { code: 'BACKUP_FILE_ALTERED', path: file.path, detail: `sha256 ${sha256}, the manifest says ${file.sha256}` };
  return undefined;
}

/** The chain's report and its problem, if any, against the manifest's height and tip. */
async function chainCheck(folder: string, manifest: BackupManifest): Promise<{ chain: IntegrityReport | null; problem?: BackupProblem }> {
  let chain: IntegrityReport;
  try {
    chain = await verifyBlockFiles(path.join(folder, manifest.blockFiles));
  } catch (err) {
    if (!(err instanceof AuditError)) throw err;
    return { chain: null, problem: { code: 'BACKUP_CHAIN_BROKEN', path: manifest.blockFiles, detail: err.message } };
  }
  if (!chain.ok) {
    const bad = chain.firstBadBlock;
    return { chain, problem: { code: 'BACKUP_CHAIN_BROKEN', path: manifest.blockFiles, detail: `block ${bad?.block ?? '?'} fails the ${bad?.check ?? '?'} check: ${bad?.detail ?? ''}` } };
  }
  if (chain.height !== manifest.height || chain.currentBlockHash !== manifest.tipBlockHash) {
    return {
      chain,
      problem: {
        code: 'BACKUP_TIP_MISMATCH',
        path: manifest.blockFiles,
        detail: `the block files end at height ${chain.height} (${chain.currentBlockHash}), the manifest says ${manifest.height} (${manifest.tipBlockHash})`,
      },
    };
  }
  return { chain };
}

/** Verifies a backup folder against its manifest; reads only. */
export async function verifyBackup(folder: string): Promise<BackupReport> {
  let manifest: BackupManifest;
  try {
    manifest = readBackupManifest(folder);
  } catch (err) {
    if (err instanceof BackupError) throw new AuditError('UNREADABLE', err.message);
    throw err;
  }
  const problems: BackupProblem[] = [];
  for (const file of manifest.files) {
    const problem = await fileProblem(folder, file);
    if (problem) problems.push(problem);
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const file of filesUnder(folder, path.join(folder, BACKUP_DATA_DIR))) {
    if (!listed.has(file)) problems.push({ code: 'BACKUP_FILE_UNLISTED', path: file, detail: 'in the backup but not in its manifest' });
  }
  const { chain, problem } = await chainCheck(folder, manifest);
  if (problem) problems.push(problem);
  return {
    ok: problems.length === 0,
    backup: folder,
    node: manifest.node,
    kind: manifest.kind,
    createdAt: manifest.createdAt,
    channel: manifest.channel,
    height: manifest.height,
    tipBlockHash: manifest.tipBlockHash,
    filesChecked: manifest.files.length,
    problems,
    chain,
  };
}
