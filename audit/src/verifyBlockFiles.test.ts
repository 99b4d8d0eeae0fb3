import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fromProtoBlock } from './block';
import { readBlockFile } from './blockFile';
import { AuditError } from './errors';
import { encodeBlockFile, chainOfBlocks } from './testing/blocks';
import { verifyBlockFiles } from './verifyBlockFiles';

describe('verifyBlockFiles', () => {
  let dir: string;
  const blocks = chainOfBlocks(6).map(fromProtoBlock);
  const file = encodeBlockFile(blocks);

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'audit-blockfiles-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function write(name: string, bytes: Uint8Array): Promise<string> {
    const target = path.join(dir, name);
    await writeFile(target, bytes);
    return target;
  }

  it('passes an intact file with its height and tip', async () => {
    const report = await verifyBlockFiles(await write('blockfile_000000', file));
    expect(report).toMatchObject({ ok: true, firstBlock: 0, blocksChecked: 6, height: 6 });
    expect(report.firstBadBlock).toBeUndefined();
  });

  it('names the block when one byte of a transaction changes', async () => {
    const target = [...readBlockFile(file)][4]?.envelopes[1];
    const changed = Buffer.from(file);
    const at = (target?.offset as number) + 7;
    changed[at] = (changed[at] as number) ^ 0xff;
    const report = await verifyBlockFiles(await write('blockfile_000000', changed));
    expect(report).toMatchObject({ ok: false, blocksChecked: 5, height: 4, firstBadBlock: { block: 4, check: 'dataHash', offset: [...readBlockFile(file)][4]?.offset } });
  });

  it.each([
    ['the block number', 0, 'number'],
    ['the data hash', 5, 'dataHash'],
    ['the previous hash', 40, 'previousHash'],
  ])('names the block when one byte of %s changes', async (_field, delta, check) => {
    const record = [...readBlockFile(file)][2];
    const changed = Buffer.from(file);
    const at = (record?.offset as number) + 2 + delta; // after the record's 2-byte length prefix: number, then 1+32 bytes of data hash, then 1+32 of previous hash
    changed[at] = (changed[at] as number) ^ 0x01;
    const report = await verifyBlockFiles(await write('blockfile_000000', changed));
    expect(report.firstBadBlock).toMatchObject({ block: 2, check });
  });

  it('reads a folder of block files as one chain, in suffix order', async () => {
    await write('blockfile_000001', encodeBlockFile(blocks.slice(3)));
    await write('blockfile_000000', encodeBlockFile(blocks.slice(0, 3)));
    await write('not-a-blockfile', Buffer.from('ignored'));
    expect(await verifyBlockFiles(dir)).toMatchObject({ ok: true, blocksChecked: 6, height: 6 });
  });

  it('reports a file that cannot be parsed as a format problem on the next block', async () => {
    const report = await verifyBlockFiles(await write('blockfile_000000', file.subarray(0, file.length - 3)));
    expect(report).toMatchObject({ ok: false, height: 5, firstBadBlock: { block: 5, check: 'format' } });
  });

  it('refuses a missing path and a folder without block files', async () => {
    await expect(verifyBlockFiles(path.join(dir, 'nope'))).rejects.toEqual(new AuditError('UNREADABLE', `cannot read ${path.join(dir, 'nope')}: ENOENT`));
    await expect(verifyBlockFiles(dir)).rejects.toThrow(/holds no block files/);
  });
});
