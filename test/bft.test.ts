import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { allPeers, networkScript, REPO_DIR } from './support/network';

const run = promisify(execFile);

/**
 * The BFT profile in a runtime of its own: four SmartBFT consenters, the
 * Auditor's included. The shared Raft network is stopped meanwhile (the two
 * use the same ports) and brought back afterwards.
 */
describe('the BFT profile', () => {
  const runtime = mkdtempSync(path.join(os.tmpdir(), 'city-bft-'));
  const env = { ...process.env, CITY_LEDGER_RUNTIME: runtime };
  const script = (name: string, ...args: string[]) =>
    run('bash', [path.join(REPO_DIR, 'network', `${name}.sh`), ...args], { env, maxBuffer: 32 * 1024 * 1024 });

  beforeAll(async () => {
    await networkScript('down');
  });
  afterAll(async () => {
    await script('clean').catch(() => undefined);
    rmSync(runtime, { recursive: true, force: true });
    await networkScript('up');
  });

  test('orders the chaincode lifecycle on four consenters; every peer agrees', async () => {
    const up = await script('up', '--bft');
    expect(up.stderr).toContain('network is up (bft)');
    // Approvals and commits of three chaincodes went through SmartBFT.
    const status = await script('status');
    const heights = [...status.stdout.matchAll(/height (\d+) on city/g)].map((m) => Number(m[1]));
    expect(heights).toHaveLength(allPeers().length);
    expect(new Set(heights).size).toBe(1);
    expect(heights[0]).toBeGreaterThan(10);
    expect(status.stdout).toMatch(/auditor-orderer0\s+up\s+healthy/);
  });
});
