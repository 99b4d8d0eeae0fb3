import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fromProtoBlock } from './block';
import { readBlockFile } from './blockFile';
import { CliIo, EXIT, main } from './cli';
import { AuditError } from './errors';
import { chainOfBlocks, encodeBlockFile } from './testing/blocks';

/** Runs the CLI with captured output; the network is never reachable here. */
async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    environment: () => {
      throw new AuditError('UNAVAILABLE', 'no network in unit tests');
    },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe('audit CLI', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'audit-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('verifies a block file: exit 0 and a JSON report', async () => {
    const file = path.join(dir, 'blockfile_000000');
    await writeFile(file, encodeBlockFile(chainOfBlocks(3).map(fromProtoBlock)));
    const { code, stdout, stderr } = await run('verify-file', file);
    expect([code, stderr]).toEqual([EXIT.ok, '']);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, height: 3, blocksChecked: 3 });
  });

  it('names the bad block of a changed block file: exit 1', async () => {
    const bytes = encodeBlockFile(chainOfBlocks(3).map(fromProtoBlock));
    const envelope = [...readBlockFile(bytes)][1]?.envelopes[0];
    bytes[(envelope?.offset as number) + 3] ^= 0x20;
    const file = path.join(dir, 'changed');
    await writeFile(file, bytes);
    const { code, stdout } = await run('verify-file', file);
    expect(code).toBe(EXIT.failed);
    expect(JSON.parse(stdout)).toMatchObject({ ok: false, firstBadBlock: { block: 1, check: 'dataHash', file } });
  });

  it.each([
    [['frobnicate'], /^error: INVALID_ARGUMENT: unknown command "frobnicate"\nusage: audit/],
    [[], /^usage: audit/],
    [['verify-file'], /^error: INVALID_ARGUMENT: expected block file, folder of block files, or backup folder, got 0 argument\(s\)\n$/],
    [['verify-file', '/nonexistent/blockfile_000000'], /^error: UNREADABLE: cannot read \/nonexistent\/blockfile_000000: ENOENT\n$/],
    [['verify-ledger', '--from', 'abc'], /^error: INVALID_ARGUMENT: --from must be a block number \(0, 1, 2, \.\.\.\), got "abc"\n$/],
    [['verify-ledger', '--to', '-1'], /^error: INVALID_ARGUMENT: /],
    [['verify-ledger', '--bogus'], /^error: INVALID_ARGUMENT: Unknown option '--bogus'/],
    [['history', 'credential', 'C-1'], /^error: INVALID_ARGUMENT: unknown record kind "credential"/],
    [['history', 'parcel', 'P-1', '--format', 'xml'], /^error: INVALID_ARGUMENT: --format must be json or csv, got "xml"\n$/],
    [['check-document', 'parcel', 'P-1', 'doc.json'], /^error: INVALID_ARGUMENT: unknown document kind "parcel"/],
    [['check-document', 'vital', 'B-1', '/nonexistent.json'], /^error: UNREADABLE: cannot read the document \/nonexistent.json: ENOENT\n$/],
  ])('refuses %j with exit 2, one clear line and nothing on stdout', async (argv, message) => {
    const { code, stdout, stderr } = await run(...argv);
    expect({ code, stdout }).toEqual({ code: EXIT.badInput, stdout: '' });
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('exits 3 when the network cannot be reached', async () => {
    const { code, stderr } = await run('history', 'parcel', 'P-1');
    expect({ code, stderr }).toEqual({ code: EXIT.unavailable, stderr: 'error: UNAVAILABLE: no network in unit tests\n' });
  });
});
