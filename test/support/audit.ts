import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_DIR } from './network';

/** What one run of the audit command printed and exited with. */
export interface AuditRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the built audit command (`audit/dist/cli.js`) as the regulator would, against the
 * network of this process's environment.
 *
 * @example
 * const { code, stdout } = await auditCli('recount', 'PB-1');
 */
export function auditCli(...args: string[]): Promise<AuditRun> {
  return promisify(execFile)(process.execPath, [path.join(REPO_DIR, 'audit', 'dist', 'cli.js'), ...args], { env: process.env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
  );
}
