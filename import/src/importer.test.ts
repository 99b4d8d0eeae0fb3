import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BatchSender, GatewayAnswer } from './gatewayClient';
import { importFile } from './importFile';
import type { Progress } from './progress';

const QUIET: Progress = { update: () => undefined, finish: () => undefined };
const noSleep = () => Promise.resolve();

function parcelLine(id: string, overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({ id, ownerId: `C-${id}`, location: 'Lot 1', areaM2: 100, landUse: 'RESIDENTIAL', owner: { name: 'A', address: 'B' }, ...overrides });
}

/** A gateway that writes parcels the way the chaincode does: all or nothing, refusing existing IDs by index. */
class FakeGateway implements BatchSender {
  readonly ledger = new Set<string>();
  readonly answers = new Map<string, GatewayAnswer>();
  readonly sends: { key: string; ids: string[] }[] = [];
  failNext: GatewayAnswer[] = [];

  async post(_path: string, body: unknown, key: string): Promise<GatewayAnswer> {
    const ids = (body as { id: string }[]).map((r) => r.id);
    this.sends.push({ key, ids });
    const failure = this.failNext.shift();
    if (failure) return failure;
    const replay = this.answers.get(key);
    if (replay) return replay;
    const existing = ids.findIndex((id) => this.ledger.has(id));
    const answer: GatewayAnswer =
      existing >= 0
        ? { status: 409, body: { code: 'CONFLICT', detail: `records[${existing}]: parcel ${ids[existing]} already exists` } }
        : { status: 200, body: { txId: 't', blockNumber: 1, result: ids.length } };
    if (existing < 0) ids.forEach((id) => this.ledger.add(id));
    this.answers.set(key, answer);
    return answer;
  }

  close(): void {}
}

const options = (dir: string, file: string, sender: BatchSender) => ({ file, kind: 'parcels' as const, runtimeDir: dir, progress: QUIET, sender, batchSize: 2, concurrency: 1 });

function setUp(lines: readonly string[]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'import-'));
  const file = path.join(dir, 'parcels.jsonl');
  writeFileSync(file, lines.join('\n'));
  return { dir, file };
}

describe('importFile', () => {
  it('imports in batches, refuses invalid and duplicate lines by line number, and writes the report', async () => {
    const { dir, file } = setUp([parcelLine('P-1'), parcelLine('P-2', { areaM2: 0 }), '{oops', parcelLine('P-3'), parcelLine('P-4'), parcelLine('P-5'), parcelLine('P-3')]);
    const gateway = new FakeGateway();
    gateway.ledger.add('P-4');
    const result = await importFile({ file, kind: 'parcels', runtimeDir: dir, progress: QUIET, sender: gateway, batchSize: 2, concurrency: 2 });
    expect(result).toMatchObject({ total: 7, imported: 3, sent: 2 });
    expect(result.refused).toEqual([
      { line: 2, code: 'INVALID_ARGUMENT', message: 'record.areaM2 must be at least 1' },
      { line: 3, code: 'MALFORMED_LINE', message: 'the line is not valid JSON' },
      { line: 5, code: 'CONFLICT', message: 'parcel P-4 already exists' },
      { line: 7, code: 'CONFLICT', message: 'record P-3 repeats line 4' },
    ]);
    expect([...gateway.ledger].sort()).toEqual(['P-1', 'P-3', 'P-4', 'P-5']);
    expect(readFileSync(result.reportFile, 'utf8')).toBe(
      'line,code,message\n2,INVALID_ARGUMENT,record.areaM2 must be at least 1\n3,MALFORMED_LINE,the line is not valid JSON\n5,CONFLICT,parcel P-4 already exists\n7,CONFLICT,record P-3 repeats line 4\n',
    );
  });

  it('resumes from its checkpoint: answered batches are not sent again, an interrupted one is replayed by its key', async () => {
    const { dir, file } = setUp(['P-1', 'P-2', 'P-3', 'P-4', 'P-5', 'P-6'].map((id) => parcelLine(id)));
    const gateway = new FakeGateway();
    // The first run stops at batch 1: the gateway wrote it, but the answer never arrived.
    const original = gateway.post.bind(gateway);
    gateway.post = async (p, body, key) => {
      const answer = await original(p, body, key);
      if (gateway.sends.length === 2) throw new Error('connection reset');
      return answer;
    };
    await expect(importFile({ ...options(dir, file, gateway), retry: { retries: 0 } })).rejects.toThrow(/^UNAVAILABLE: batch 1 /);
    gateway.post = original;
    const resumed = await importFile(options(dir, file, gateway));
    expect(resumed).toMatchObject({ total: 6, imported: 6, sent: 2, refused: [] });
    expect(gateway.sends.map((s) => s.ids[0])).toEqual(['P-1', 'P-3', 'P-3', 'P-5']);
    expect(gateway.sends[1]?.key).toBe(gateway.sends[2]?.key);
    expect(gateway.ledger.size).toBe(6);
  });

  it('retries answers that decide nothing, and stops with UNAVAILABLE when they persist', async () => {
    const { dir, file } = setUp([parcelLine('P-1')]);
    const gateway = new FakeGateway();
    gateway.failNext = [{ status: 503, body: { code: 'UNAVAILABLE' } }, { status: 409, body: { code: 'IDEMPOTENCY_IN_PROGRESS' } }, { status: 429, body: { code: 'RATE_LIMITED' }, retryAfterMs: 1 }];
    const ok = await importFile({ file, kind: 'parcels', runtimeDir: dir, progress: QUIET, sender: gateway, retry: { sleep: noSleep } });
    expect(ok.imported).toBe(1);
    const { dir: dir2, file: file2 } = setUp([parcelLine('P-2')]);
    const down: BatchSender = { post: () => Promise.reject(new Error('ECONNREFUSED')), close: () => undefined };
    await expect(importFile({ file: file2, kind: 'parcels', runtimeDir: dir2, progress: QUIET, sender: down, retry: { retries: 2, sleep: noSleep } })).rejects.toThrow(/^UNAVAILABLE: batch 0 got no decided answer/);
  });

  it('stops with FORBIDDEN when the gateway refuses the caller, and refuses a whole batch for a refusal that names no record', async () => {
    const { dir, file } = setUp([parcelLine('P-1'), parcelLine('P-2')]);
    const gateway = new FakeGateway();
    gateway.failNext = [{ status: 403, body: { code: 'FORBIDDEN', detail: 'role clerk required' } }];
    await expect(importFile({ file, kind: 'parcels', runtimeDir: dir, progress: QUIET, sender: gateway })).rejects.toThrow(/^FORBIDDEN: /);
    gateway.failNext = [{ status: 400, body: { code: 'INVALID_ARGUMENT', detail: 'the body does not match the schema', errors: [{ path: '/body/1/areaM2', message: 'must be >= 1' }] } }, { status: 422, body: { code: 'FAILED_PRECONDITION', detail: 'closed' } }];
    const result = await importFile({ file, kind: 'parcels', runtimeDir: dir, progress: QUIET, sender: gateway });
    expect(result.refused).toEqual([
      { line: 1, code: 'FAILED_PRECONDITION', message: 'closed' },
      { line: 2, code: 'INVALID_ARGUMENT', message: 'areaM2 must be >= 1' },
    ]);
  });

  it('splits a batch the gateway finds too large, and sends the halves', async () => {
    const { dir, file } = setUp(['P-1', 'P-2', 'P-3'].map((id) => parcelLine(id)));
    const gateway = new FakeGateway();
    const original = gateway.post.bind(gateway);
    gateway.post = async (p, body, key) =>
      (body as unknown[]).length > 1 ? { status: 413, body: { code: 'BODY_TOO_LARGE', detail: 'too large' } } : original(p, body, key);
    const result = await importFile({ file, kind: 'parcels', runtimeDir: dir, progress: QUIET, sender: gateway });
    expect(result).toMatchObject({ imported: 3, refused: [] });
    expect(gateway.ledger.size).toBe(3);
  });

  it.each([
    ['an unknown format', 'parcels.txt', {}, /^USAGE: cannot tell the format/],
    ['a batch size over the bound', 'parcels.jsonl', { batchSize: 201 }, /^USAGE: --batch-size/],
    ['a missing file', 'missing.jsonl', {}, /^UNREADABLE: /],
  ])('refuses %s with a coded error', async (_what, name, options, error) => {
    const { dir } = setUp([]);
    const file = path.join(dir, name);
    if (name !== 'missing.jsonl') writeFileSync(file, parcelLine('P-1'));
    await expect(importFile({ file, kind: 'parcels', runtimeDir: dir, progress: QUIET, sender: new FakeGateway(), ...options })).rejects.toThrow(error);
  });

  it('refuses to resume a checkpoint made with another batch size (CHECKPOINT_MISMATCH)', async () => {
    const { dir, file } = setUp([parcelLine('P-1'), parcelLine('P-2')]);
    await importFile({ file, kind: 'parcels', runtimeDir: dir, progress: QUIET, sender: new FakeGateway(), batchSize: 1 });
    await expect(importFile({ file, kind: 'parcels', runtimeDir: dir, progress: QUIET, sender: new FakeGateway(), batchSize: 2 })).rejects.toThrow(/^CHECKPOINT_MISMATCH: /);
  });
});

describe('importFile of vital records', () => {
  it('sends each type in batches of its own, so a mixed register loads', async () => {
    const birth = (id: string) => JSON.stringify({ id, type: 'BIRTH', details: { childName: 'A', bornAt: '2025-01-01T08:00:00Z', placeOfBirth: 'City', parent1Name: 'P' } });
    const death = (id: string) =>
      JSON.stringify({ id, type: 'DEATH', details: { deceasedName: 'D', diedAt: '2025-02-01T03:00:00Z', placeOfDeath: 'Home' }, causeOfDeath: { cause: 'Age', manner: 'NATURAL', certifiedBy: 'Dr A' } });
    const { dir, file } = setUp([birth('B-1'), death('D-1'), birth('B-2'), death('D-2'), birth('B-3')]);
    const gateway = new FakeGateway();
    const result = await importFile({ file, kind: 'vital-records', runtimeDir: dir, progress: QUIET, sender: gateway, batchSize: 2 });
    expect(result).toMatchObject({ total: 5, imported: 5, refused: [] });
    expect(gateway.sends.map((s) => s.ids)).toEqual([['B-1', 'B-2'], ['B-3'], ['D-1', 'D-2']]);
  });
});
