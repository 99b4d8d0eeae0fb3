import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BACKUP_MANIFEST_FILE, backupFolderName, backupNode, backupPlan, BackupManifest, readBackupManifest, restorePlan, writeBackupManifest } from './backup';
import { loadConsortium } from './consortium';
import { RuntimeLayout } from './layout';

const consortium = loadConsortium(path.resolve(__dirname, '..', '..', 'organizations'));
const NOW = new Date('2026-11-30T23:59:01.123Z');
const FACTS = {
  node: 'registry/peer1',
  org: 'registry',
  mspId: 'RegistryMSP',
  kind: 'peer' as const,
  createdAt: NOW.toISOString(),
  fabricVersion: '3.0.0 695dd57e01c2',
  channel: 'city',
  height: 12,
  tipBlockHash: 'ab'.repeat(32),
};

describe('backups', () => {
  let root: string;
  let layout: RuntimeLayout;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'network-backup-'));
    layout = new RuntimeLayout(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** A backup of registry/peer1 with one copied file, as backup.sh leaves it. */
  function backupFolder(): string {
    const folder = backupPlan(consortium, layout, 'registry/peer1', 'city', NOW).folder;
    mkdirSync(path.join(folder, 'data', 'ledgersData'), { recursive: true });
    writeFileSync(path.join(folder, 'data', 'ledgersData', 'f'), 'abc');
    writeBackupManifest(folder, FACTS);
    return folder;
  }

  it('knows a peer from an orderer, and refuses a node the org files do not declare', () => {
    expect(backupNode(consortium, 'registry/peer1')).toMatchObject({ kind: 'peer', name: 'peer1', org: { key: 'registry' } });
    expect(backupNode(consortium, 'health/orderer0')).toMatchObject({ kind: 'orderer' });
    for (const ref of ['registry/peer9', 'nowhere/peer0', 'registry', 'registry/peer0/x']) {
      expect(() => backupNode(consortium, ref)).toThrow(/^UNKNOWN_NODE: no node .* \(known: .*registry\/peer1/);
    }
  });

  it("dates a peer's backup under the runtime, leaves its snapshots out, and never reuses a folder", () => {
    const plan = backupPlan(consortium, layout, 'registry/peer1', 'city', NOW);
    expect(backupFolderName(NOW)).toBe('20261130T235901Z');
    expect(plan).toMatchObject({
      nodeId: 'registry-peer1',
      dataDir: path.join(root, 'homes', 'registry', 'nodes', 'registry-peer1', 'data'),
      folder: path.join(root, 'homes', 'registry', 'backups', 'registry-peer1', '20261130T235901Z'),
      excluded: ['snapshots'],
      blockFiles: path.join(plan.folder, 'data', 'ledgersData', 'chains', 'chains', 'city'),
    });
    mkdirSync(plan.folder, { recursive: true });
    expect(backupPlan(consortium, layout, 'registry/peer1', 'city', NOW).folder).toBe(`${plan.folder}-2`);
    const orderer = backupPlan(consortium, layout, 'registry/orderer0', 'city', NOW);
    expect(orderer).toMatchObject({ excluded: [], blockFiles: path.join(orderer.folder, 'data', 'ledger', 'chains', 'city') });
  });

  it('writes a manifest of every copied file with its size and sha256', () => {
    const manifest = readBackupManifest(backupFolder());
    expect(manifest).toMatchObject({ ...FACTS, format: 1, method: 'stop-copy-start', blockFiles: 'data/ledgersData/chains/chains/city' });
    // sha256("abc")
    expect(manifest.files).toEqual([{ path: 'data/ledgersData/f', size: 3, sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' }]);
  });

  it('restores a node from its own backup, staging beside its data folder', () => {
    const folder = backupFolder();
    const plan = restorePlan(consortium, layout, 'registry/peer1', folder);
    const data = layout.nodeDataDir(plan.node.org, 'peer1');
    expect(plan).toMatchObject({ nodeId: 'registry-peer1', source: path.join(folder, 'data'), dataDir: data, stagingDir: `${data}.restoring`, replacedDir: `${data}.replaced` });
  });

  it.each([
    ["another node's backup", 'registry/peer0', (f: string) => f, /^BACKUP_OF_ANOTHER_NODE: .* is a backup of registry\/peer1 \(RegistryMSP\), not of registry\/peer0/],
    ['a missing folder', 'registry/peer1', (f: string) => `${f}-gone`, /^BACKUP_NOT_FOUND: no backup folder .*-gone$/],
    ['a folder without a manifest', 'registry/peer1', (f: string) => path.join(f, 'data'), /^BACKUP_MANIFEST_INVALID: cannot read .*: ENOENT$/],
    ['an unknown node', 'registry/peer7', (f: string) => f, /^UNKNOWN_NODE: /],
  ])('refuses %s with a clear error', (_case, ref, folderOf, message) => {
    expect(() => restorePlan(consortium, layout, ref, folderOf(backupFolder()))).toThrow(message);
  });

  it.each([
    ['format', 2, /format 2 is not 1/],
    ['kind', 'ca', /kind "ca" is neither peer nor orderer/],
    ['height', 0, /height is not a block count/],
    ['tipBlockHash', 'xyz', /tipBlockHash is not a SHA-256 in hex/],
    ['blockFiles', '/etc', /blockFiles is not a folder inside the backup/],
    ['files', {}, /files is not a list/],
    ['node', '', /node is not a string/],
  ])('refuses a manifest whose %s is wrong', (key, value, message) => {
    const folder = backupFolder();
    const file = path.join(folder, BACKUP_MANIFEST_FILE);
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as BackupManifest;
    writeFileSync(file, JSON.stringify({ ...manifest, [key]: value }));
    expect(() => readBackupManifest(folder)).toThrow(message);
  });

  it('refuses a manifest that is not an object', () => {
    const folder = backupFolder();
    writeFileSync(path.join(folder, BACKUP_MANIFEST_FILE), '[]');
    expect(() => readBackupManifest(folder)).toThrow(/BACKUP_MANIFEST_INVALID: .*manifest.json: it is not a JSON object$/);
  });
});
