/**
 * Regulator: the ledger browser. Blocks newest first, ten a page, with their hashes and whether
 * each is sound and linked (the audit package's checks, run by the gateway); a block opens to
 * its transactions; a transaction ID finds its block. Creator, endorsers, validation code,
 * chaincode and function, events and keys, never a value.
 */
import { useState } from 'react';
import { LookupForm } from '../components/LookupForm';
import { Status } from '../components/Status';
import { useApi } from '../useApi';

interface BlockSummary {
  number: number;
  hash: string;
  previousHash: string;
  dataHash: string;
  transactions: number;
  sound: boolean;
}

interface BlockPage {
  height: number;
  currentBlockHash: string;
  blocks: BlockSummary[];
  next: string | null;
  chainHolds: boolean;
}

export interface TransactionDetail {
  block: number;
  index: number;
  txId: string;
  type: string;
  timestamp: string | null;
  validationCode: string;
  creator: { mspId: string; role: string | null };
  endorsers: string[];
  chaincode: string | null;
  function: string | null;
  events: string[];
  reads: { namespace: string; key: string }[];
  writes: { namespace: string; key: string }[];
  collections: string[];
}

const short = (hash: string) => `${hash.slice(0, 12)}…`;
/** Composite keys hold U+0000 separators; show them as middle dots. */
const printable = (key: string) => key.split('\u0000').join('·');

export function Transaction({ tx }: { tx: TransactionDetail }) {
  return (
    <article className="transaction" aria-label={`Transaction ${tx.txId}`}>
      <h3>
        <code className="txid">{tx.txId}</code>
      </h3>
      <dl>
        <dt>Block, index</dt>
        <dd>
          {tx.block}, {tx.index}
        </dd>
        <dt>Type</dt>
        <dd>{tx.type}</dd>
        <dt>Time</dt>
        <dd>{tx.timestamp ?? '—'}</dd>
        <dt>Validation</dt>
        <dd className={tx.validationCode === 'VALID' ? 'ok' : 'bad'}>{tx.validationCode}</dd>
        <dt>Creator</dt>
        <dd>
          {tx.creator.mspId}
          {tx.creator.role !== null && ` (${tx.creator.role})`}
        </dd>
        <dt>Endorsers</dt>
        <dd>{tx.endorsers.join(', ') || '—'}</dd>
        <dt>Chaincode and function</dt>
        <dd>{tx.chaincode === null ? '—' : `${tx.chaincode} ${tx.function ?? ''}`}</dd>
        <dt>Events</dt>
        <dd>{tx.events.join(', ') || '—'}</dd>
        <dt>Keys read</dt>
        <dd>{tx.reads.length === 0 ? '—' : <ul>{tx.reads.map((k, i) => <li key={i}><code>{k.namespace} {printable(k.key)}</code></li>)}</ul>}</dd>
        <dt>Keys written</dt>
        <dd>{tx.writes.length === 0 ? '—' : <ul>{tx.writes.map((k, i) => <li key={i}><code>{k.namespace} {printable(k.key)}</code></li>)}</ul>}</dd>
        <dt>Private collections written</dt>
        <dd>{tx.collections.join(', ') || '—'}</dd>
      </dl>
    </article>
  );
}

function BlockTransactions({ number }: { number: number }) {
  const block = useApi<BlockSummary & { transactionDetails: TransactionDetail[] }>(`/v1/ledger/blocks/${number}`);
  return <Status state={block}>{(b) => b.transactionDetails.map((tx) => <Transaction key={tx.index} tx={tx} />)}</Status>;
}

function FindTransaction() {
  const [txId, setTxId] = useState<string>();
  const tx = useApi<TransactionDetail>(txId === undefined ? undefined : `/v1/ledger/transactions/${encodeURIComponent(txId)}`);
  return (
    <>
      <LookupForm id="find-tx" label="Transaction ID" button="Find" onLookup={setTxId} />
      {txId !== undefined && <Status state={tx}>{(t) => <Transaction tx={t} />}</Status>}
    </>
  );
}

export function LedgerView() {
  const [before, setBefore] = useState<string>();
  const [open, setOpen] = useState<number>();
  const page = useApi<BlockPage>(`/v1/ledger/blocks${before === undefined ? '' : `?before=${before}`}`);
  return (
    <section aria-labelledby="ledger-title">
      <h1 id="ledger-title">Ledger</h1>
      <h2>Find a transaction</h2>
      <FindTransaction />
      <h2>Blocks</h2>
      <Status state={page}>
        {(p) => (
          <>
            <p>
              Height {p.height}; tip <code>{short(p.currentBlockHash)}</code>.{' '}
              <span className={p.chainHolds ? 'ok' : 'bad'}>{p.chainHolds ? 'The hash chain holds on this page.' : 'The hash chain is BROKEN on this page.'}</span>
            </p>
            <div className="table-wrap">
              <table>
                <caption>Blocks, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Block</th>
                    <th scope="col">Hash</th>
                    <th scope="col">Previous hash</th>
                    <th scope="col">Transactions</th>
                    <th scope="col">Sound</th>
                  </tr>
                </thead>
                <tbody>
                  {p.blocks.map((b) => (
                    <tr key={b.number}>
                      <th scope="row">
                        <button type="button" className="link" aria-expanded={open === b.number} onClick={() => setOpen(open === b.number ? undefined : b.number)}>
                          {b.number}
                        </button>
                      </th>
                      <td>
                        <code title={b.hash}>{short(b.hash)}</code>
                      </td>
                      <td>
                        <code title={b.previousHash}>{b.previousHash === '' ? '—' : short(b.previousHash)}</code>
                      </td>
                      <td>{b.transactions}</td>
                      <td className={b.sound ? 'ok' : 'bad'}>{b.sound ? 'yes' : 'NO'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <nav aria-label="Block pages" className="pager">
              <button type="button" disabled={before === undefined} onClick={() => setBefore(undefined)}>
                Newest
              </button>
              <button type="button" disabled={p.next === null} onClick={() => setBefore(p.next ?? undefined)}>
                Older
              </button>
            </nav>
            {open !== undefined && (
              <>
                <h2>Block {open}</h2>
                <BlockTransactions key={open} number={open} />
              </>
            )}
          </>
        )}
      </Status>
    </section>
  );
}
