/**
 * Replaces a file atomically: the content goes to a temporary file in the same folder with its
 * final mode, which is then renamed over the target. A reader sees the old file or the new one,
 * never a half-written one, and a secret is never readable by others, not even for a moment.
 *
 * @example
 * ```ts
 * await writeFileAtomic(apiKeysFile, JSON.stringify(keys), 0o600);
 * ```
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function writeFileAtomic(file: string, content: string, mode: number): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, content, { mode, flag: 'wx' });
    await rename(tmp, file);
  } finally {
    await rm(tmp, { force: true });
  }
}
