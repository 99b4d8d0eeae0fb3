/**
 * Regulator: the integrity audit, `npm run audit verify-ledger` from the page: every block's
 * hash chain, data hash and orderer signatures, on the gateway's peer. The result names the
 * first bad block and the check it fails.
 */
import { api } from '../api';
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

export function AuditView() {
  const audit = useAction<Report>();
  const { busy: running, result: report, error } = audit;
  const run = () => audit.run(() => api<Report>('POST', '/v1/ledger/verification', {}));

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Integrity audit</h1>
      <p>Walks every block on this gateway's peer: the hash chain, each block's data hash and the orderers' signatures.</p>
      <button type="button" onClick={() => void run()} disabled={running}>
        {running ? 'Auditing…' : 'Run the integrity audit'}
      </button>
      {running && (
        <p aria-live="polite" className="loading">
          Walking the chain…
        </p>
      )}
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
