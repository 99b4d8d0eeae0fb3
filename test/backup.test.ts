/**
 * Backup and restore on the shared network (issue 17): a Registry peer with private data is
 * backed up (stop, copy, start), its disk is wiped while the Registry's gateway keeps writing
 * through the other peer, and it is restored from the backup and catches up to the same block,
 * private data included; a tampered, foreign or missing backup is refused and changes nothing;
 * an orderer restored from its backup catches up too. Every node runs at the end, even when a
 * scenario fails. Backup and restore times are printed into .runtime/test-output/backup.json (and
 * measured by bench/backup.sh); nothing here is timed.
 */
import { verifyBackup, verifyBlockFiles } from '@city-ledger/audit';
import { BACKUP_MANIFEST_FILE, BackupManifest, channelBlockFilesDir } from '@city-ledger/network';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gatewayAs } from './support/http';
import { chainInfo, layout, networkEnv, networkScript, org, peerCli, runningNodes, stopNode } from './support/network';

const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
/** The Registry gateway's first peer: while it is down, the gateway must fall over to peer1. */
const PEER = { org: 'registry', name: 'peer0', id: 'registry-peer0', ref: 'registry/peer0' };
const ORDERER = { org: 'health', name: 'orderer0', id: 'health-orderer0', ref: 'health/orderer0' };
const clerk = gatewayAs('registry', 'clerk1');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const figures: Record<string, number> = {};

/** Runs a network script and keeps how long it took, for the figures file. */
async function timed(name: string, script: string, ...args: string[]): Promise<string> {
  const started = Date.now();
  const out = await networkScript(script, ...args);
  figures[name] = Date.now() - started;
  return out;
}

/** The backup folder, the one line backup.sh prints on stdout (its log lines go to stderr). */
async function backup(ref: string, figure: string): Promise<string> {
  const out = await timed(figure, 'backup', ref);
  const folder = /^\/.*$/m.exec(out)?.[0];
  if (!folder) throw new Error(`backup.sh printed no folder: ${out}`);
  return folder;
}

const manifestOf = async (folder: string) => JSON.parse(await readFile(path.join(folder, BACKUP_MANIFEST_FILE), 'utf8')) as BackupManifest;

/** Registers a parcel through the Registry's gateway; its owner goes to the private collection. */
async function registerParcel(suffix: string) {
  const ownerId = `OWN-BK-${run}-${suffix}`;
  const res = await clerk('POST', '/v1/parcels', {
    body: { id: `P-BK-${run}-${suffix}`, ownerId, location: 'Lot 1, Vault Rd', areaM2: 120, landUse: 'RESIDENTIAL', owner: { name: `Owner ${suffix}`, address: '1 Vault Rd' } },
  });
  expect([res.status, res.text]).toEqual([201, expect.any(String)]);
  return ownerId;
}

/** The owner's private details as one peer itself answers (the peer CLI queries that peer only). */
async function ownerOnPeer(peerName: string, ownerId: string): Promise<string> {
  const args = ['chaincode', 'query', '-C', networkEnv().CHANNEL_NAME, '-n', 'records', '-c', JSON.stringify({ function: 'property:getOwnerDetails', Args: [ownerId] })];
  return peerCli('registry', peerName, args, 'clerk1');
}

/** Polls `check` every second until it answers true; rejects after `deadlineMs` with the last answer. */
async function eventually<T>(what: string, deadlineMs: number, probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const started = Date.now();
  let last: T | Error = new Error('never probed');
  for (;;) {
    try {
      last = await probe();
      if (done(last)) return last;
    } catch (err) {
      last = err as Error;
    }
    if (Date.now() - started > deadlineMs) throw new Error(`${what}: not within ${deadlineMs} ms; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await sleep(1000);
  }
}

/** Every peer's height and tip, once they agree (and at least `minHeight`). */
async function peersAgree(minHeight: number) {
  const peers: [string, string][] = [['registry', 'peer0'], ['registry', 'peer1'], ['health', 'peer0'], ['auditor', 'peer0']];
  return eventually(
    'every peer on the same block',
    180_000,
    () => Promise.all(peers.map(([o, p]) => chainInfo(o, p))),
    (infos) => infos.every((i) => i.height >= minHeight && i.height === infos[0]?.height && i.currentBlockHash === infos[0]?.currentBlockHash),
  ).then((infos) => infos[0] as { height: number; currentBlockHash: string });
}

/**
 * The backup a wiped peer must come back from, until it has: `up` alone would rejoin it from the
 * genesis block without its installed chaincode (the scripts' install marker sits beside the data).
 */
let wipedPeerBackup: string | undefined;

afterAll(async () => {
  await writeFile(path.join(await testOutputDir(), 'backup.json'), `${JSON.stringify(figures, null, 2)}\n`).catch(() => undefined);
  if (wipedPeerBackup) await networkScript('restore', PEER.ref, wipedPeerBackup);
  // A scenario that failed half-way may leave a node stopped: `up` restarts it.
  const running = await runningNodes();
  if (![PEER.id, ORDERER.id, 'registry-peer1'].every((id) => running.has(id))) await networkScript('up');
});

async function testOutputDir(): Promise<string> {
  const dir = path.join(networkEnv().RUNTIME_DIR, 'test-output');
  await mkdir(dir, { recursive: true });
  return dir;
}

describe('backup and restore', () => {
  let folder: string;
  let ownerBefore: string;

  test("a peer's backup holds its ledger, history and private data at one height, and the peer comes back", async () => {
    ownerBefore = await registerParcel('before');
    folder = await backup(PEER.ref, 'peerBackupMs');
    const manifest = await manifestOf(folder);
    expect(manifest).toMatchObject({ node: PEER.ref, mspId: 'RegistryMSP', kind: 'peer', channel: 'city', method: 'stop-copy-start', fabricVersion: expect.stringMatching(/^3\.\d+\.\d+ /) });
    const paths = manifest.files.map((f) => f.path);
    for (const store of ['chains/chains/city/blockfile_', 'stateLeveldb/', 'historyLeveldb/', 'pvtdataStore/']) {
      expect(paths.some((p) => p.includes(store))).toBe(true);
    }
    expect(paths.some((p) => p.startsWith('data/snapshots/'))).toBe(false);
    const check = await verifyBackup(folder);
    expect(check).toMatchObject({ ok: true, problems: [], chain: { height: manifest.height, currentBlockHash: manifest.tipBlockHash } });
    expect((await runningNodes()).has(PEER.id)).toBe(true);
    await peersAgree(manifest.height);
  });

  test('a tampered backup is refused and the running peer is left alone', async () => {
    const tampered = `${folder}-tampered`;
    await cp(folder, tampered, { recursive: true });
    const manifest = await manifestOf(tampered);
    const victim = manifest.files.find((f) => f.path.includes('pvtdataStore/') && f.size > 0);
    const file = path.join(tampered, victim?.path as string);
    const bytes = await readFile(file);
    bytes[0] = (bytes[0] as number) ^ 0xff;
    await writeFile(file, bytes);
    const pid = (await runningNodes()).get(PEER.id);
    await expect(networkScript('restore', PEER.ref, tampered)).rejects.toThrow(new RegExp(`BACKUP_TAMPERED: .*nothing was changed: BACKUP_FILE_ALTERED ${victim?.path}`));
    expect((await runningNodes()).get(PEER.id)).toBe(pid);
    await rm(tampered, { recursive: true });
  });

  test.each([
    ["another node's backup", 'registry/peer1', () => folder, /BACKUP_OF_ANOTHER_NODE: .* is a backup of registry\/peer0/],
    ['a folder that does not exist', PEER.ref, () => `${folder}-nowhere`, /BACKUP_NOT_FOUND: no backup folder/],
  ])('%s is refused with a clear error, and nothing stops', async (_case, ref, folderOf, message) => {
    const before = await runningNodes();
    await expect(networkScript('restore', ref, folderOf())).rejects.toThrow(message);
    expect(await runningNodes()).toEqual(before);
  });

  test('a peer whose disk was wiped is restored from its backup and catches up, private data included', async () => {
    await stopNode(PEER.id);
    wipedPeerBackup = folder;
    await rm(layout().nodeDataDir(org(PEER.org), PEER.name), { recursive: true, force: true });
    // Its org's gateway, whose first peer this is, falls over to peer1: writes still commit.
    const ownerAfter = await registerParcel('while-down');
    const written = await chainInfo('registry', 'peer1');

    await timed('peerRestoreMs', 'restore', PEER.ref, folder);
    wipedPeerBackup = undefined;
    const agreed = await peersAgree(written.height);
    expect(agreed.height).toBeGreaterThan((await manifestOf(folder)).height);
    const restored = await chainInfo(PEER.org, PEER.name);
    expect(restored).toEqual(await chainInfo('registry', 'peer1'));

    // Private data from before the backup came back with it; the data written since, from peer1.
    expect(JSON.parse(await ownerOnPeer(PEER.name, ownerBefore))).toMatchObject({ name: 'Owner before' });
    const after = await eventually('the private data written while the peer was down, on the restored peer', 180_000, () => ownerOnPeer(PEER.name, ownerAfter), (out) => out.includes('Owner while-down'));
    expect(JSON.parse(after)).toMatchObject({ name: 'Owner while-down', address: '1 Vault Rd' });
  });

  test('an orderer restored from its backup catches up with the channel', async () => {
    const ordererFolder = await backup(ORDERER.ref, 'ordererBackupMs');
    const manifest = await manifestOf(ordererFolder);
    expect(manifest).toMatchObject({ node: ORDERER.ref, kind: 'orderer', blockFiles: 'data/ledger/chains/city' });
    expect(manifest.files.some((f) => f.path.startsWith('data/consensus/wal/'))).toBe(true);
    await registerParcel('after-orderer-backup');

    await timed('ordererRestoreMs', 'restore', ORDERER.ref, ordererFolder);
    await registerParcel('after-orderer-restore');
    const peers = await peersAgree(manifest.height + 2);
    const blocks = path.join(layout().nodeDataDir(org(ORDERER.org), ORDERER.name), channelBlockFilesDir('orderer', networkEnv().CHANNEL_NAME));
    const ordererChain = await eventually('the restored orderer at the peers\' block', 120_000, () => verifyBlockFiles(blocks), (r) => r.ok && r.height === peers.height);
    expect(Buffer.from(ordererChain.currentBlockHash as string, 'hex').toString('base64')).toBe(peers.currentBlockHash);
  });
});
