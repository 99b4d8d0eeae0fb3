import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_DIR } from './support/network';

const run = promisify(execFile);

/** The first bash block after the README's `heading`: what a new user types. */
function readmeCalls(heading = '## Calling the gateway'): string {
  const readme = readFileSync(path.join(REPO_DIR, 'README.md'), 'utf8');
  const at = readme.indexOf(heading);
  const match = at < 0 ? null : /```bash\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!match?.[1]) throw new Error(`README.md has no bash block under "${heading}"`);
  return match[1];
}

/** Runs a README block as written; every curl must fail the script on an HTTP error. */
async function runBlock(script: string): Promise<string> {
  // --fail-with-body in every call turns an HTTP error into a failed script.
  expect(script.match(/\bcurl /g)?.length).toBe(script.match(/--fail-with-body/g)?.length);
  const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script], { cwd: REPO_DIR, timeout: 120_000 });
  return stdout;
}

describe("the README's gateway calls", () => {
  test('run as written against the gateways up started, every call answering 2xx', async () => {
    const stdout = await runBlock(readmeCalls());
    expect(stdout).toContain('"status":"ready"');
    // The async write was polled and had committed, with the encumbrance in its answer.
    expect(stdout).toMatch(/"state":"committed"/);
    expect(stdout).toContain('LIEN-1');
    // Private owner data never comes back from the public routes.
    expect(stdout).not.toContain('Analytical Way');
  });
});

describe("the README's budgeting round", () => {
  test('runs as written: ballots, a replacement, the tally, a counted receipt and an agreeing recount', async () => {
    const stdout = await runBlock(readmeCalls('### A budgeting round, end to end'));
    // Ada's replacement (BIKE, LIB) and Bob's (PARK, LIB): LIB 2, then BIKE (cheaper than PARK) fits.
    expect(stdout).toMatch(/"funded": \[\s*"LIB",\s*"BIKE"\s*\]/);
    expect(stdout).toContain('"status":"COUNTED"');
    expect(stdout).toContain('"result": "AGREES"');
    // The ledger's answers never carry a citizen ID next to a ballot.
    expect(stdout).not.toMatch(/"nullifier"[^}]*CIT-/);
  });
});
