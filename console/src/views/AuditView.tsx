/**
 * Regulator: the integrity audit, `npm run audit verify-ledger` from the page: every block's
 * hash chain, data hash and orderer signatures, on the gateway's peer. The gateway runs the
 * walk (`POST /v1/ledger/verifications`) and the page follows it, showing blocks checked of
 * how many; the result names the first bad block and the check it fails.
 */
import { useState } from 'react';
import { api, ApiError } from '../api';
import { ProblemMessage } from '../components/Status';
import { useAction } from '../useAction';

interface Report {
  ok: boolean;
  source: string;
  blocksChecked: number;
  height: number | null;
  currentBlockHash: string | null;
  peerHeight: number;
  chainInfoMatches?: boolean;
  signatures?: { verified?: number };
  transactions?: { total: number; valid: number };
  firstBadBlock?: { block: number | null; check: string; detail: string };
}

interface Run {
  id: string;
  state: 'running' | 'done' | 'failed';
  blocksChecked: number;
  blocksToCheck: number;
  report?: Report;
  problem?: { code: string; detail?: string };
}

/** How often the page asks how far the walk has got. */
const POLL_MS = 400;
const pause = () => new Promise((resolve) => setTimeout(resolve, POLL_MS));

function Progress({ run }: { run: Run }) {
  const known = run.blocksToCheck > 0;
  return (
    <div className="field" aria-live="polite">
      <label htmlFor="audit-progress">{known ? `${run.blocksChecked} of ${run.blocksToCheck} blocks checked` : 'Reading the chain…'}</label>
      <progress id="audit-progress" max={known ? run.blocksToCheck : undefined} value={known ? run.blocksChecked : undefined} />
    </div>
  );
}

export function AuditView() {
  const audit = useAction<Report>();
  const { busy: running, result: report, error } = audit;
  const [progress, setProgress] = useState<Run>();
  const run = () =>
    audit.run(async () => {
      let current = await api<Run>('POST', '/v1/ledger/verifications', {});
      setProgress(current);
      while (current.state === 'running') {
        await pause();
        try {
          current = await api<Run>('GET', `/v1/ledger/verifications/${current.id}`);
        } catch (err) {
          // Over the caller's rate limit, the walk goes on in the gateway: ask again later.
          if (err instanceof ApiError && err.code === 'RATE_LIMITED') continue;
          throw err;
        }
        setProgress(current);
      }
      if (current.report === undefined) throw new ApiError(503, current.problem?.code ?? 'UNAVAILABLE', current.problem?.detail ?? 'the audit could not finish');
      return current.report;
    });

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Integrity audit</h1>
      <p>Walks every block on this gateway's peer: the hash chain, each block's data hash and the orderers' signatures.</p>
      <button type="button" onClick={() => void run()} disabled={running}>
        {running ? 'Auditing…' : 'Run the integrity audit'}
      </button>
      {progress && <Progress run={progress} />}
      {error && <ProblemMessage error={error} />}
      {report && (
        <div role="status" className={`verdict ${report.ok ? 'verdict-valid' : 'verdict-tampered'}`}>
          <h2>{report.ok ? 'The ledger is intact' : `Block ${report.firstBadBlock?.block ?? '?'} fails`}</h2>
          <dl>
            <dt>Blocks checked</dt>
            <dd>{report.blocksChecked}</dd>
            <dt>Peer height</dt>
            <dd>{report.peerHeight}</dd>
            <dt>Tip hash</dt>
            <dd>
              <code className="txid">{report.currentBlockHash ?? '—'}</code>
            </dd>
            <dt>Transactions</dt>
            <dd>{report.transactions ? `${report.transactions.valid} valid of ${report.transactions.total}` : '—'}</dd>
            {report.firstBadBlock && (
              <>
                <dt>First bad block</dt>
                <dd>
                  {report.firstBadBlock.block ?? '?'}: {report.firstBadBlock.check}, {report.firstBadBlock.detail}
                </dd>
              </>
            )}
          </dl>
        </div>
      )}
    </section>
  );
}
