import { BACKUP_MANIFEST_FILE, BackupManifest, writeBackupManifest } from '@city-ledger/network';
import { mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fromProtoBlock } from './block';
import { CliIo, EXIT, main } from './cli';
import { AuditError } from './errors';
import { chainOfBlocks, encodeBlockFile } from './testing/blocks';
import { verifyBackup } from './verifyBackup';
import { verifyBlockFiles } from './verifyBlockFiles';

const BLOCK_FILE = 'data/ledgersData/chains/chains/city/blockfile_000000';
const STATE_FILE = 'data/ledgersData/stateLeveldb/000001.log';

/** A peer's backup as network/backup.sh writes it: a copied data folder and its manifest. */
async function writeBackup(folder: string): Promise<BackupManifest> {
  const blocks = path.join(folder, BLOCK_FILE);
  await mkdir(path.dirname(blocks), { recursive: true });
  await writeFile(blocks, encodeBlockFile(chainOfBlocks(5).map(fromProtoBlock)));
  await mkdir(path.dirname(path.join(folder, STATE_FILE)), { recursive: true });
  await writeFile(path.join(folder, STATE_FILE), 'state of the world');
  const tip = await verifyBlockFiles(path.dirname(blocks));
  return writeBackupManifest(folder, {
    node: 'registry/peer1',
    org: 'registry',
    mspId: 'RegistryMSP',
    kind: 'peer',
    createdAt: '2026-11-30T23:59:01.000Z',
    fabricVersion: '3.0.0 695dd57e01c2',
    channel: 'city',
    height: tip.height as number,
    tipBlockHash: tip.currentBlockHash as string,
  });
}

async function flipByte(file: string, at: number): Promise<void> {
  const bytes = await readFile(file);
  bytes[at] = (bytes[at] as number) ^ 0x01;
  await writeFile(file, bytes);
}

describe('verifyBackup', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'audit-backup-'));
    await writeBackup(folder);
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('passes an intact backup: every file and the chain up to the recorded tip', async () => {
    const report = await verifyBackup(folder);
    expect(report).toMatchObject({ ok: true, node: 'registry/peer1', height: 5, filesChecked: 2, problems: [], chain: { ok: true, height: 5 } });
  });

  it('a file deleted from the backup: BACKUP_FILE_MISSING names it', async () => {
    await unlink(path.join(folder, STATE_FILE));
    const report = await verifyBackup(folder);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ code: 'BACKUP_FILE_MISSING', path: STATE_FILE })]);
  });

  it('one byte of a state file changed, same size: BACKUP_FILE_ALTERED by its sha256', async () => {
    await flipByte(path.join(folder, STATE_FILE), 3);
    const report = await verifyBackup(folder);
    expect(report.problems).toEqual([expect.objectContaining({ code: 'BACKUP_FILE_ALTERED', path: STATE_FILE, detail: expect.stringMatching(/^sha256 /) })]);
  });

  it('a file cut short: BACKUP_FILE_ALTERED by its size', async () => {
    await writeFile(path.join(folder, STATE_FILE), 'state');
    const report = await verifyBackup(folder);
    expect(report.problems).toEqual([expect.objectContaining({ code: 'BACKUP_FILE_ALTERED', detail: '5 bytes, the manifest says 18' })]);
  });

  it('a block changed: the file is altered and the chain broken at that block', async () => {
    await flipByte(path.join(folder, BLOCK_FILE), 200);
    const report = await verifyBackup(folder);
    expect(report.problems.map((p) => p.code)).toEqual(['BACKUP_FILE_ALTERED', 'BACKUP_CHAIN_BROKEN']);
    expect(report.chain?.ok).toBe(false);
  });

  it('the block files gone: missing, and the chain cannot be read', async () => {
    await unlink(path.join(folder, BLOCK_FILE));
    const report = await verifyBackup(folder);
    expect(report.problems.map((p) => p.code)).toEqual(['BACKUP_FILE_MISSING', 'BACKUP_CHAIN_BROKEN']);
    expect(report.chain).toBeNull();
  });

  it('a file slipped in: BACKUP_FILE_UNLISTED', async () => {
    await writeFile(path.join(folder, 'data', 'ledgersData', 'extra'), 'x');
    const report = await verifyBackup(folder);
    expect(report.problems).toEqual([expect.objectContaining({ code: 'BACKUP_FILE_UNLISTED', path: 'data/ledgersData/extra' })]);
  });

  it('a manifest claiming another tip: BACKUP_TIP_MISMATCH', async () => {
    const file = path.join(folder, BACKUP_MANIFEST_FILE);
    const manifest = JSON.parse(await readFile(file, 'utf8')) as BackupManifest;
    await writeFile(file, JSON.stringify({ ...manifest, height: 9 }));
    const report = await verifyBackup(folder);
    expect(report.problems).toEqual([expect.objectContaining({ code: 'BACKUP_TIP_MISMATCH', detail: expect.stringContaining('the manifest says 9') })]);
  });

  it.each([
    ['no manifest', async (f: string) => unlink(path.join(f, BACKUP_MANIFEST_FILE)), /BACKUP_MANIFEST_INVALID: cannot read .*manifest.json: ENOENT/],
    ['a manifest that is not JSON', async (f: string) => writeFile(path.join(f, BACKUP_MANIFEST_FILE), '{'), /BACKUP_MANIFEST_INVALID: cannot read/],
    ['a file path climbing out', async (f: string) => {
      const manifest = JSON.parse(await readFile(path.join(f, BACKUP_MANIFEST_FILE), 'utf8')) as BackupManifest;
      await writeFile(path.join(f, BACKUP_MANIFEST_FILE), JSON.stringify({ ...manifest, files: [{ path: '../../etc/passwd', size: 1, sha256: 'a'.repeat(64) }] }));
    }, /BACKUP_MANIFEST_INVALID: .*files holds a bad entry/],
  ])('%s: UNREADABLE, naming the manifest problem', async (_case, spoil, message) => {
    await spoil(folder);
    const error = await verifyBackup(folder).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(AuditError);
    expect(error).toMatchObject({ code: 'UNREADABLE', message: expect.stringMatching(message) });
  });

  describe('audit verify-file on a backup folder', () => {
    async function run(...argv: string[]) {
      let stdout = '';
      let stderr = '';
      const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), environment: () => { throw new AuditError('UNAVAILABLE', 'no network'); } };
      return { code: await main(argv, io), stdout, stderr };
    }

    it('exit 0 for an intact backup, 1 with the problem codes for a tampered one', async () => {
      expect((await run('verify-file', folder)).code).toBe(EXIT.ok);
      await flipByte(path.join(folder, STATE_FILE), 0);
      const { code, stdout } = await run('verify-file', folder);
      expect(code).toBe(EXIT.failed);
      expect(JSON.parse(stdout)).toMatchObject({ ok: false, problems: [{ code: 'BACKUP_FILE_ALTERED', path: STATE_FILE }] });
    });
  });
});
