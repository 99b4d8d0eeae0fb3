/**
 * Regulator: the network as the channel defines it. Peer heights and health (`/readyz`),
 * certificates with their expiry, soonest first (`/v1/network/certificates`: the channel
 * config's CA and consenter certificates, this gateway's peers' TLS certificates), chaincode
 * definitions with each org's approval, and the channel configuration in force: orgs and their
 * CA certificates' expiry, consenters, batch settings and policies.
 */
import { useState } from 'react';
import { Head } from '../components/Head';
import { Status } from '../components/Status';
import { useApi } from '../useApi';

interface Ready {
  height: number;
  peers: { peer: string; reachable: boolean; height?: number; error?: string }[];
}

interface Definition {
  name: string;
  version: string;
  sequence: number;
  endorsementPolicy: string;
  collections: { name: string }[];
  approvals: Record<string, boolean>;
}

interface Org {
  mspId: string;
  certificates: { subject: string; notAfter: string }[];
}

interface Config {
  block: number;
  applicationOrgs: Org[];
  ordererOrgs: Org[];
  consensusType: string;
  consenters: string[];
  batch: { timeout: string; maxMessageCount: number; absoluteMaxBytes: number; preferredMaxBytes: number };
  policies: { path: string; type: string; rule: string }[];
  history: { block: number; timestamp: string | null }[];
}

interface Certificates {
  certificates: { holder: string; role: string; subject: string; notAfter: string; source: string }[];
  unread: { holder: string; error: string }[];
}

const CERTS_PER_PAGE = 10;
/** Certificates expiring sooner than this are marked. */
const WARN_DAYS = 30;
const DAY_MS = 86_400_000;

function CertificateList({ list }: { list: Certificates }) {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(list.certificates.length / CERTS_PER_PAGE));
  const shown = list.certificates.slice(page * CERTS_PER_PAGE, (page + 1) * CERTS_PER_PAGE);
  const now = Date.now();
  return (
    <>
      <div className="table-wrap">
        <table>
          <caption>
            Certificates, soonest expiry first ({list.certificates.length}; page {page + 1} of {pages})
          </caption>
          <Head columns={['Expires', 'Holder', 'Role', 'Subject', 'Read from']} />
          <tbody>
            {shown.map((c) => {
              const days = Math.floor((Date.parse(c.notAfter) - now) / DAY_MS);
              return (
                <tr key={`${c.holder} ${c.role} ${c.subject} ${c.source}`}>
                  <td className={days < WARN_DAYS ? 'bad' : undefined}>
                    <time dateTime={c.notAfter}>{c.notAfter.slice(0, 10)}</time> ({days < 0 ? 'expired' : `${days} days`})
                  </td>
                  <th scope="row">{c.holder}</th>
                  <td>{c.role}</td>
                  <td>{c.subject}</td>
                  <td>{c.source}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <nav aria-label="Certificate pages" className="pager">
        <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
          Previous
        </button>
        <button type="button" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
          Next
        </button>
      </nav>
      {list.unread.length > 0 && (
        <ul>
          {list.unread.map((u) => (
            <li key={u.holder}>
              {u.holder}: not read ({u.error})
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Orgs({ caption, orgs }: { caption: string; orgs: Org[] }) {
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <Head columns={['MSP', 'CA certificate', 'Expires']} />
        <tbody>
          {orgs.flatMap((org) =>
            org.certificates.map((cert, i) => (
              <tr key={`${org.mspId}-${i}`}>
                <th scope="row">{org.mspId}</th>
                <td>{cert.subject}</td>
                <td>
                  <time dateTime={cert.notAfter}>{cert.notAfter.slice(0, 10)}</time>
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}

export function NetworkView() {
  const ready = useApi<Ready>('/readyz');
  const chaincodes = useApi<Definition[]>('/v1/chaincodes');
  const config = useApi<Config>('/v1/channel/config');
  const certificates = useApi<Certificates>('/v1/network/certificates');
  return (
    <section aria-labelledby="network-title">
      <h1 id="network-title">Network</h1>
      <h2>Peers</h2>
      <Status state={ready}>
        {(r) => (
          <ul>
            {r.peers.map((p) => (
              <li key={p.peer}>
                {p.peer}: {p.reachable ? `height ${p.height ?? '?'}` : `unreachable (${p.error ?? 'no answer'})`}
              </li>
            ))}
          </ul>
        )}
      </Status>
      <h2>Certificates</h2>
      <Status state={certificates}>{(list) => <CertificateList list={list} />}</Status>
      <h2>Chaincodes</h2>
      <Status state={chaincodes}>
        {(list) => (
          <div className="table-wrap">
            <table>
              <caption>Chaincode definitions committed on the channel</caption>
              <Head columns={['Name', 'Version', 'Sequence', 'Endorsement', 'Collections', 'Approvals']} />
              <tbody>
                {list.map((d) => (
                  <tr key={d.name}>
                    <th scope="row">{d.name}</th>
                    <td>{d.version}</td>
                    <td>{d.sequence}</td>
                    <td>{d.endorsementPolicy}</td>
                    <td>{d.collections.map((c) => c.name).join(', ') || '—'}</td>
                    <td>
                      {Object.entries(d.approvals)
                        .map(([org, ok]) => `${org} ${ok ? '✓' : '✗'}`)
                        .join(', ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Status>
      <h2>Channel configuration</h2>
      <Status state={config}>
        {(c) => (
          <>
            <p>
              In force since block {c.block}. Consensus {c.consensusType}, consenters {c.consenters.join(', ')}. Batches: {c.batch.maxMessageCount} transactions or {c.batch.timeout}, at most{' '}
              {c.batch.absoluteMaxBytes.toLocaleString('en')} bytes.
            </p>
            <Orgs caption="Application orgs" orgs={c.applicationOrgs} />
            <Orgs caption="Orderer orgs" orgs={c.ordererOrgs} />
            <h3>History of config updates</h3>
            <ol className="timeline">
              {c.history.map((h) => (
                <li key={h.block}>
                  block {h.block}
                  {h.timestamp !== null && (
                    <>
                      , <time dateTime={h.timestamp}>{h.timestamp}</time>
                    </>
                  )}
                  {h.block === 0 ? ' (genesis)' : ''}
                </li>
              ))}
            </ol>
            <details>
              <summary>Policies ({c.policies.length})</summary>
              <ul>
                {c.policies.map((p) => (
                  <li key={p.path}>
                    <code>{p.path}</code>: {p.type} {p.rule}
                  </li>
                ))}
              </ul>
            </details>
          </>
        )}
      </Status>
    </section>
  );
}
