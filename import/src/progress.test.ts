import { progressFor } from './progress';

function sink(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: Object.assign({ write: (text: string) => written.push(text) !== 0 }, { isTTY }) as unknown as NodeJS.WritableStream & { isTTY: boolean } };
}

describe('progressFor', () => {
  it('redraws a bar in place on a terminal', () => {
    const { written, stream } = sink(true);
    const progress = progressFor(stream, () => 1000);
    progress.update(50, 100);
    progress.finish();
    expect(written[0]).toMatch(/^\r\[#{15}-{15}\] {2}50% 50\/100 lines/);
    expect(written[1]).toBe('\n');
  });

  it('writes plain lines elsewhere: the first, then at most one every few seconds, and the end', () => {
    const { written, stream } = sink(false);
    let now = 0;
    const progress = progressFor(stream, () => now);
    progress.update(0, 1000);
    now = 1000;
    progress.update(10, 1000);
    now = 6000;
    progress.update(600, 1000);
    progress.update(1000, 1000);
    progress.finish();
    expect(written).toEqual([
      'progress:   0% 0/1,000 lines  0 lines/s\n',
      'progress:  60% 600/1,000 lines  100 lines/s\n',
      'progress: 100% 1,000/1,000 lines  167 lines/s\n',
      'progress: done, 100% 1,000/1,000 lines  167 lines/s\n',
    ]);
    expect(written.join('')).not.toContain('\r');
  });
});
