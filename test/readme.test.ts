import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_DIR } from './support/network';

const run = promisify(execFile);

/** The first bash block after the README's "Calling the gateway" heading: what a new user types. */
function readmeCalls(): string {
  const readme = readFileSync(path.join(REPO_DIR, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Calling the gateway'));
  const match = /```bash\n([\s\S]*?)```/.exec(section);
  if (!match?.[1]) throw new Error('README.md has no bash block under "Calling the gateway"');
  return match[1];
}

describe("the README's gateway calls", () => {
  test('run as written against the gateways up started, every call answering 2xx', async () => {
    const script = readmeCalls();
    // --fail-with-body in every call turns an HTTP error into a failed script.
    expect(script.match(/\bcurl /g)?.length).toBe(script.match(/--fail-with-body/g)?.length);
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script], { cwd: REPO_DIR, timeout: 120_000 });
    expect(stdout).toContain('"status":"ready"');
    // The async write was polled and had committed, with the encumbrance in its answer.
    expect(stdout).toMatch(/"state":"committed"/);
    expect(stdout).toContain('LIEN-1');
    // Private owner data never comes back from the public routes.
    expect(stdout).not.toContain('Analytical Way');
  });
});
