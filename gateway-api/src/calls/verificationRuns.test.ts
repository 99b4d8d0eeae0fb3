import type { LedgerReport, VerifyProgress } from '@city-ledger/audit/ledger';
import { HttpProblem } from '../errors';
import { LedgerError } from '../fabric/ledgerError';
import { MAX_KEPT, MAX_RUNNING, VerificationRuns } from './verificationRuns';

/** A walk the test moves on by hand: `progress` as the verifier would, then `finish` or `fail`. */
function controlledWalk() {
  let progress: VerifyProgress = () => undefined;
  let finish: (report: LedgerReport) => void = () => undefined;
  let fail: (err: unknown) => void = () => undefined;
  const walk = (p: VerifyProgress) => {
    progress = p;
    return new Promise<LedgerReport>((resolve, reject) => ((finish = resolve), (fail = reject)));
  };
  return { walk, progress: (checked: number, total: number) => progress(checked, total), finish: (r: LedgerReport) => finish(r), fail: (e: unknown) => fail(e) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const REPORT = { ok: false, blocksChecked: 3, firstBadBlock: { block: 3, check: 'dataHash', detail: 'data hash does not match' } } as unknown as LedgerReport;

describe('VerificationRuns', () => {
  it('shows the walk\'s progress, then its report, to the principal who started it only', async () => {
    const runs = new VerificationRuns();
    const walk = controlledWalk();
    const { id } = runs.start('auditor', walk.walk);
    walk.progress(2, 6);
    expect(runs.get('auditor', id)).toMatchObject({ state: 'running', blocksChecked: 2, blocksToCheck: 6 });
    expect(() => runs.get('someone-else', id)).toThrow(HttpProblem);
    walk.finish(REPORT);
    await settle();
    expect(runs.get('auditor', id)).toMatchObject({ state: 'done', report: { firstBadBlock: { block: 3 } } });
  });

  it('keeps a failed walk\'s problem, runs few at once, and forgets the oldest finished', async () => {
    const runs = new VerificationRuns();
    const walks = Array.from({ length: MAX_RUNNING }, () => controlledWalk());
    const ids = walks.map((w) => runs.start('auditor', w.walk).id);
    expect(() => runs.start('auditor', controlledWalk().walk)).toThrow(expect.objectContaining({ problem: expect.objectContaining({ code: 'RATE_LIMITED' }) }));
    walks[0]?.fail(new LedgerError({ phase: 'evaluate', message: 'peer down', grpcCode: 14 }));
    await settle();
    expect(runs.get('auditor', ids[0] ?? '')).toMatchObject({ state: 'failed', problem: { code: 'UNAVAILABLE' } });
    for (let i = 0; i < MAX_KEPT; i++) {
      const w = controlledWalk();
      runs.start('auditor', w.walk);
      w.finish(REPORT);
      await settle();
    }
    expect(() => runs.get('auditor', ids[0] ?? '')).toThrow(HttpProblem);
  });
});
