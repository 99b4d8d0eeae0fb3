/**
 * Backups of one peer or orderer (network/backup.sh, network/restore.sh): which node, what of its
 * data folder is copied, where the copy goes, its manifest (every file's size and sha256, the
 * channel's height and tip block hash), and whether a folder may restore a given node. The
 * scripts stop, copy and start; every decision is here. `audit verify-file` checks a backup
 * against its manifest with {@link fileSha256} and {@link readBackupManifest}.
 *
 * @example
 * const plan = backupPlan(consortium, layout, 'registry/peer1', 'city', new Date());
 * plan.folder; // .runtime/backups/registry-peer1/20261130T235901Z
 * writeBackupManifest(plan.folder, { ...facts, height: 42, tipBlockHash: 'ab12…' }); // after the copy
 * restorePlan(consortium, layout, 'registry/peer1', plan.folder).source; // …/20261130T235901Z/data
 */
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Consortium } from './consortium';
import { nodeId, RuntimeLayout } from './layout';
import type { OrgDeclaration } from './orgFile';

/** The manifest's name in a backup folder; the node's data folder is copied beside it. */
export const BACKUP_MANIFEST_FILE = 'manifest.json';
/** The copy of the node's data folder, inside a backup folder. */
export const BACKUP_DATA_DIR = 'data';
/**
 * Left out of a peer's backup: its ledger snapshots (CORE_LEDGER_SNAPSHOTS_ROOTDIR, under its data
 * folder) are exports made from the ledger, not the ledger, and can be made again at any height.
 */
const PEER_EXCLUDED = ['snapshots'];

export type BackupNodeKind = 'peer' | 'orderer';

/** One file of the backup, by its path under the backup folder (`/`-separated). */
export interface BackupFile {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

/** What a backup holds and where its channel stood: `manifest.json` in the backup folder. */
export interface BackupManifest {
  readonly format: 1;
  /** `registry/peer1`, as the commands take it. */
  readonly node: string;
  readonly org: string;
  readonly mspId: string;
  readonly kind: BackupNodeKind;
  /** The node was stopped, its data folder copied, and the node started again (README "Backup and restore"). */
  readonly method: 'stop-copy-start';
  readonly createdAt: string;
  readonly fabricVersion: string;
  readonly channel: string;
  /** The channel's height in the copied block files, and the hash (hex) of its last block. */
  readonly height: number;
  readonly tipBlockHash: string;
  /** The folder of the channel's block files, relative to the backup folder. */
  readonly blockFiles: string;
  readonly files: readonly BackupFile[];
}

/** The facts the backup script measured, which the manifest records beside the file list. */
export type BackupFacts = Pick<BackupManifest, 'node' | 'org' | 'mspId' | 'kind' | 'createdAt' | 'fabricVersion' | 'channel' | 'height' | 'tipBlockHash'>;

/**
 * UNKNOWN_NODE: no such peer or orderer in the org files; BACKUP_NOT_FOUND: no backup folder there;
 * BACKUP_MANIFEST_INVALID: its manifest is missing or not one; BACKUP_OF_ANOTHER_NODE: it is another node's.
 */
export type BackupErrorCode = 'UNKNOWN_NODE' | 'BACKUP_NOT_FOUND' | 'BACKUP_MANIFEST_INVALID' | 'BACKUP_OF_ANOTHER_NODE';

export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'BackupError';
  }
}

/** A node the org files declare, as `org/node`. */
export interface BackupNode {
  readonly ref: string;
  readonly org: OrgDeclaration;
  readonly name: string;
  readonly kind: BackupNodeKind;
}

export function backupNode(consortium: Consortium, ref: string): BackupNode {
  const [orgKey = '', name = '', ...rest] = ref.split('/');
  const org = consortium.orgs.find((o) => o.key === orgKey);
  const known = () => consortium.orgs.flatMap((o) => [...o.peers, ...o.orderers].map((n) => `${o.key}/${n.name}`)).join(', ');
  if (!org || rest.length > 0) throw new BackupError('UNKNOWN_NODE', `no node ${JSON.stringify(ref)} in the org files (known: ${known()})`);
  if (org.peers.some((p) => p.name === name)) return { ref, org, name, kind: 'peer' };
  if (org.orderers.some((o) => o.name === name)) return { ref, org, name, kind: 'orderer' };
  throw new BackupError('UNKNOWN_NODE', `no node ${JSON.stringify(ref)} in the org files (known: ${known()})`);
}

/**
 * Where a node's data folder keeps a channel's block files: a peer's block store
 * (`ledgersData/chains/chains/<channel>`), or an orderer's file ledger (`chains/<channel>` under
 * ORDERER_FILELEDGER_LOCATION, `ledger/`). Both are Fabric block files (blkstorage).
 */
export function channelBlockFilesDir(kind: BackupNodeKind, channel: string): string {
  return kind === 'peer' ? path.posix.join('ledgersData', 'chains', 'chains', channel) : path.posix.join('ledger', 'chains', channel);
}

/** What backup.sh copies, from where to where. */
export interface BackupPlan {
  readonly node: BackupNode;
  readonly nodeId: string;
  readonly dataDir: string;
  readonly folder: string;
  /** Entries of the data folder left out (see {@link PEER_EXCLUDED}). */
  readonly excluded: readonly string[];
  /** The channel's block files in the copy, for the height and tip hash. */
  readonly blockFiles: string;
}

/** A folder name sorting by time, without the colons some tools choke on: 20261130T235901Z. */
export function backupFolderName(now: Date): string {
  return `${now.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

export function backupPlan(consortium: Consortium, layout: RuntimeLayout, ref: string, channel: string, now: Date): BackupPlan {
  const node = backupNode(consortium, ref);
  const base = path.join(layout.nodeBackupsDir(node.org, node.name), backupFolderName(now));
  // Two backups within a second get their own folders; a backup is never written over.
  let folder = base;
  for (let n = 2; existsSync(folder); n++) folder = `${base}-${n}`;
  return {
    node,
    nodeId: nodeId(node.org, node.name),
    dataDir: layout.nodeDataDir(node.org, node.name),
    folder,
    excluded: node.kind === 'peer' ? PEER_EXCLUDED : [],
    blockFiles: path.join(folder, BACKUP_DATA_DIR, channelBlockFilesDir(node.kind, channel)),
  };
}

/** The SHA-256 (hex) of a file, read in chunks: block files reach 64 MB. */
export function fileSha256(file: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(1 << 20);
  const fd = openSync(file, 'r');
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) hash.update(buffer.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** Every regular file under `dir`, as `/`-separated paths relative to `base`, sorted. */
export function filesUnder(base: string, dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(base, full));
    else if (entry.isFile()) found.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return found.sort();
}

/** Lists and hashes every file of the copied data folder, and writes the manifest beside it. */
export function writeBackupManifest(folder: string, facts: BackupFacts): BackupManifest {
  const files = filesUnder(folder, path.join(folder, BACKUP_DATA_DIR)).map((file) => {
    const full = path.join(folder, file);
    return { path: file, size: statSync(full).size, sha256: fileSha256(full) };
  });
  const blockFiles = path.posix.join(BACKUP_DATA_DIR, channelBlockFilesDir(facts.kind, facts.channel));
  const manifest: BackupManifest = { format: 1, ...facts, method: 'stop-copy-start', blockFiles, files };
  writeFileSync(path.join(folder, BACKUP_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
/** A path inside the backup folder: relative, never climbing out of it. */
const isInside = (v: unknown): v is string => isString(v) && !path.isAbsolute(v) && !v.split(/[\\/]/).includes('..');

/** The problem with a parsed manifest, or undefined if it is one. */
function manifestProblem(m: Partial<Record<keyof BackupManifest, unknown>>): string | undefined {
  if (m.format !== 1) return `format ${JSON.stringify(m.format)} is not 1`;
  for (const key of ['node', 'org', 'mspId', 'createdAt', 'fabricVersion', 'channel'] as const) {
    if (!isString(m[key])) return `${key} is not a string`;
  }
  if (m.kind !== 'peer' && m.kind !== 'orderer') return `kind ${JSON.stringify(m.kind)} is neither peer nor orderer`;
  if (!isCount(m.height) || m.height === 0) return 'height is not a block count';
  if (!isString(m.tipBlockHash) || !/^[0-9a-f]{64}$/.test(m.tipBlockHash)) return 'tipBlockHash is not a SHA-256 in hex';
  if (!isInside(m.blockFiles)) return 'blockFiles is not a folder inside the backup';
  if (!Array.isArray(m.files)) return 'files is not a list';
  const bad = (m.files as Partial<BackupFile>[]).find((f) => !isInside(f?.path) || !isCount(f.size) || !/^[0-9a-f]{64}$/.test(String(f.sha256)));
  if (bad) return `files holds a bad entry: ${JSON.stringify(bad)}`;
  return undefined;
}

/** Reads and checks the manifest of a backup folder (its shape; `audit verify-file` checks the files). */
export function readBackupManifest(folder: string): BackupManifest {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new BackupError('BACKUP_NOT_FOUND', `no backup folder ${folder}`);
  const file = path.join(folder, BACKUP_MANIFEST_FILE);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new BackupError('BACKUP_MANIFEST_INVALID', `cannot read ${file}: ${reason}`);
  }
  const problem = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? manifestProblem(parsed) : 'it is not a JSON object';
  if (problem) throw new BackupError('BACKUP_MANIFEST_INVALID', `${file}: ${problem}`);
  return parsed as BackupManifest;
}

/** What restore.sh verifies, stages and swaps in. */
export interface RestorePlan {
  readonly node: BackupNode;
  readonly nodeId: string;
  readonly manifest: BackupManifest;
  /** The backup's copy of the data folder. */
  readonly source: string;
  readonly dataDir: string;
  /** Beside the data folder: the copy is staged here while the node still runs, then swapped in. */
  readonly stagingDir: string;
  /** The data folder replaced, kept until the restored node is healthy. */
  readonly replacedDir: string;
}

/** Checks that `folder` is a backup of node `ref` (not another's) and says where everything goes. */
export function restorePlan(consortium: Consortium, layout: RuntimeLayout, ref: string, folder: string): RestorePlan {
  const node = backupNode(consortium, ref);
  const manifest = readBackupManifest(folder);
  if (manifest.node !== node.ref || manifest.mspId !== node.org.mspId) {
    throw new BackupError('BACKUP_OF_ANOTHER_NODE', `${folder} is a backup of ${manifest.node} (${manifest.mspId}), not of ${node.ref} (${node.org.mspId})`);
  }
  const dataDir = layout.nodeDataDir(node.org, node.name);
  return {
    node,
    nodeId: nodeId(node.org, node.name),
    manifest,
    source: path.join(folder, BACKUP_DATA_DIR),
    dataDir,
    stagingDir: `${dataDir}.restoring`,
    replacedDir: `${dataDir}.replaced`,
  };
}
