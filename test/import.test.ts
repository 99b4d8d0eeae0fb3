/**
 * The bulk importer against the real network, through the Registry's HTTPS gateway: a few
 * hundred parcels with private owner data from a CSV file, the import killed mid-way and run
 * again, every line accounted for exactly once, and the owners' personal data nowhere in public
 * state, events or transactions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { gatewayAs } from './support/http';
import { networkEnv, REPO_DIR } from './support/network';

const RUN = randomBytes(3).toString('hex');
const COUNT = 300;
const BATCH = 25;
const OWNERS = 6;
const INVALID_LINE = 2 + 40; // record 40: area 0
const DUPLICATE_LINE = 2 + 170; // record 170: a parcel registered before the import
const parcelId = (i: number) => `IMP-${RUN}-${i}`;
const ownerId = (i: number) => `IMPOWN-${RUN}-${i % OWNERS}`;
const ownerName = (i: number) => `Importowner ${RUN} ${i}`;

const CLI = path.join(REPO_DIR, 'import', 'dist', 'cli.js');
const clerk = gatewayAs('registry', 'clerk1');
const auditor = gatewayAs('auditor', 'auditor1');

let file: string;

function runImport(
  source = file,
  kind = 'parcels',
  user = 'clerk1',
): { child: ChildProcess; done: Promise<{ status: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [CLI, '--org', 'registry', '--user', user, '--kind', kind, '--batch-size', String(BATCH), '--concurrency', '1', source], {
    env: process.env,
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
  return { child, done };
}

/** Where the importer keeps this file's checkpoint: `<runtime>/import/<name>.<hash>.checkpoint.json`. */
function checkpointFile(): string {
  const hash = createHash('sha256').update(readFileSync(file, 'utf8')).digest('hex').slice(0, 12);
  return path.join(networkEnv().RUNTIME_DIR, 'import', `${path.basename(file)}.${hash}.checkpoint.json`);
}

/** The batches the checkpoint says are answered (none before it exists). */
function answeredBatches(checkpoint: string): number {
  return existsSync(checkpoint) ? (JSON.parse(readFileSync(checkpoint, 'utf8')) as { done: number[] }).done.length : 0;
}

beforeAll(async () => {
  const rows = Array.from({ length: COUNT }, (_, i) =>
    [parcelId(i), ownerId(i), `"Lot ${i}, Block ${RUN}"`, i === 40 ? 0 : 100 + i, 'RESIDENTIAL', `"${ownerName(i)}"`, `${i} Import Way`].join(','),
  );
  file = path.join(mkdtempSync(path.join(tmpdir(), 'import-test-')), `parcels-${RUN}.csv`);
  writeFileSync(file, ['id,ownerId,location,areaM2,landUse,owner.name,owner.address', ...rows].join('\n') + '\n');
  const existing = await clerk('POST', '/v1/parcels', {
    body: { id: parcelId(170), ownerId: 'IMPOWN-other', location: 'Lot 170', areaM2: 170, landUse: 'RESIDENTIAL', owner: { name: 'Someone Else', address: 'Elsewhere' } },
  });
  expect(existing.status).toBe(201);
});

describe('npm run import', () => {
  let stdout = '';

  test('killed mid-way and run again, it imports every valid line once and reports the refused ones', async () => {
    const first = runImport();
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (answeredBatches(checkpointFile()) >= 2) {
          clearInterval(poll);
          resolve();
        }
      }, 100);
      first.done.then(() => {
        clearInterval(poll);
        reject(new Error('the import finished before it could be interrupted'));
      }, reject);
    });
    first.child.kill('SIGKILL');
    await first.done;
    const interruptedAt = answeredBatches(checkpointFile());
    expect(interruptedAt).toBeLessThan(Math.ceil((COUNT - 1) / BATCH));

    const second = await runImport().done;
    stdout = second.stdout;
    expect(second.stderr).not.toMatch(/INTERNAL|at .*\.js:\d+/);
    expect(second.status).toBe(3);
    expect(answeredBatches(checkpointFile())).toBe(Math.ceil((COUNT - 1) / BATCH));
    // Exactly the two bad lines are refused: a record written twice would be refused as CONFLICT too.
    const refusedLines = stdout.split('\n').filter((line) => /^line \d+: /.test(line));
    expect(refusedLines).toEqual([
      `line ${INVALID_LINE}: INVALID_ARGUMENT: record.areaM2 must be at least 1`,
      `line ${DUPLICATE_LINE}: CONFLICT: parcel ${parcelId(170)} already exists`,
    ]);
    expect(stdout).toContain(`imported ${COUNT - 2} of ${COUNT} records`);
    const report = readFileSync(/report (\S+\.refused\.csv)/.exec(stdout)?.[1] ?? '', 'utf8');
    expect(report.trim().split('\n')).toHaveLength(3);
  });

  test('each owner holds exactly the imported parcels, each registered once', async () => {
    const held = new Set<string>();
    for (let o = 0; o < OWNERS; o++) {
      const page = await clerk('GET', `/v1/owners/${ownerId(o)}/parcels?pageSize=100`);
      expect(page.status).toBe(200);
      for (const parcel of page.body.items as { id: string }[]) held.add(parcel.id);
    }
    const expected = Array.from({ length: COUNT }, (_, i) => i).filter((i) => i !== 40 && i !== 170).map(parcelId);
    expect([...held].sort()).toEqual(expected.sort());
    // The first parcel of the batch that was in flight at the kill, and others: one version each.
    for (const i of [0, 2 * BATCH, 3 * BATCH, COUNT - 1]) {
      const history = await clerk('GET', `/v1/parcels/${parcelId(i)}/history`);
      expect(history.body).toHaveLength(1);
    }
    const refusedOne = await clerk('GET', `/v1/parcels/${parcelId(40)}`);
    expect(refusedOne.status).toBe(404);
  });

  test("owners' personal data is private: in the Registry's collection, never in public state or the transaction", async () => {
    const owner = await clerk('GET', `/v1/owners/${ownerId(7)}`);
    expect(owner.status).toBe(200);
    expect(owner.text).toMatch(new RegExp(`Importowner ${RUN} \\d+`));

    const parcel = await auditor('GET', `/v1/parcels/${parcelId(7)}`);
    expect(parcel.status).toBe(200);
    expect(parcel.text).not.toContain(ownerName(7));
    expect((await auditor('GET', `/v1/owners/${ownerId(7)}`)).status).toBe(403);

    const [version] = (await auditor('GET', `/v1/parcels/${parcelId(7)}/history`)).body as { txId: string }[];
    const tx = await auditor('GET', `/v1/ledger/transactions/${version?.txId ?? ''}`);
    expect(tx.status).toBe(200);
    expect(tx.text).toContain(parcelId(7));
    expect(tx.text).toContain('parcels.registered');
    for (const i of [0, 7, 8]) {
      expect(tx.text).not.toContain(ownerName(i));
      expect(tx.text).not.toContain(`${i} Import Way`);
    }
  });

  test('births and permit applications load the same way, each through its own batch route', async () => {
    const dir = path.dirname(file);
    const births = path.join(dir, 'births.jsonl');
    writeFileSync(
      births,
      [0, 1, 2]
        .map((i) => JSON.stringify({ id: `IMPB-${RUN}-${i}`, type: 'BIRTH', details: { childName: `Child ${RUN} ${i}`, bornAt: '2020-01-01T08:00:00Z', placeOfBirth: 'City Hospital', parent1Name: 'Parent' } }))
        .join('\n'),
    );
    const permits = path.join(dir, 'permits.csv');
    writeFileSync(
      permits,
      ['id,kind,applicantId,parcelId,description,applicant.name', ...[0, 1].map((i) => `IMPPM-${RUN}-${i},BUILDING,${ownerId(i)},${parcelId(i)},Shed ${i},Applicant ${RUN} ${i}`)].join('\n'),
    );
    expect((await runImport(births, 'vital-records', 'registrar1').done).stdout).toContain('imported 3 of 3 records');
    expect((await runImport(permits, 'permits').done).stdout).toContain('imported 2 of 2 records');
    const birth = await auditor('GET', `/v1/vital-records/IMPB-${RUN}-2`);
    expect(birth.body).toMatchObject({ type: 'BIRTH', status: 'REGISTERED' });
    expect(birth.text).not.toContain(`Child ${RUN}`);
    const certificate = await gatewayAs('registry', 'registrar1')('GET', `/v1/vital-records/IMPB-${RUN}-2/certificate`);
    expect(certificate.body).toMatchObject({ details: { childName: `Child ${RUN} 2` } });
    const permit = await auditor('GET', `/v1/permits/IMPPM-${RUN}-1`);
    expect(permit.body).toMatchObject({ status: 'APPLIED', parcelId: parcelId(1) });
    expect(permit.text).not.toContain(`Applicant ${RUN}`);
  });
});
