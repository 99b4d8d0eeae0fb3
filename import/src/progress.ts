/**
 * Progress of an import: a bar redrawn in place on a terminal, plain lines otherwise (a log or a
 * CI job reads one line every few seconds and one at the end, never carriage returns).
 *
 * @example
 * ```ts
 * const progress = progressFor(process.stderr);
 * progress.update(1200, 100000);   // [#-----------------]   1% 1,200/100,000 lines  950 lines/s
 * progress.finish();
 * ```
 */
import type { WriteStream } from 'node:tty';

export interface Progress {
  /** `done` of `total` lines answered (written or refused). */
  update(done: number, total: number): void;
  finish(): void;
}

const BAR_WIDTH = 30;
const PLAIN_EVERY_MS = 5_000;

/** A bar on a TTY, plain lines on anything else. */
export function progressFor(stream: NodeJS.WritableStream & Partial<Pick<WriteStream, 'isTTY'>>, now: () => number = Date.now): Progress {
  const started = now();
  let lastPlain = -Infinity;
  let last = { done: 0, total: 0 };
  const describe = (done: number, total: number) => {
    const seconds = Math.max((now() - started) / 1000, 0.001);
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    return { percent, text: `${String(percent).padStart(3)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} lines  ${Math.round(done / seconds).toLocaleString('en')} lines/s` };
  };
  if (stream.isTTY) {
    return {
      update(done, total) {
        last = { done, total };
        const { percent, text } = describe(done, total);
        const filled = Math.round((percent / 100) * BAR_WIDTH);
        stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${text}`);
      },
      finish() {
        stream.write('\n');
      },
    };
  }
  return {
    update(done, total) {
      last = { done, total };
      if (now() - lastPlain < PLAIN_EVERY_MS && done < total) return;
      lastPlain = now();
      stream.write(`progress: ${describe(done, total).text}\n`);
    },
    finish() {
      stream.write(`progress: done, ${describe(last.done, last.total).text}\n`);
    },
  };
}
