/**
 * Regulator: the network as the channel defines it. Peer heights and health (`/readyz`),
 * chaincode definitions with each org's approval, and the channel configuration in force: orgs
 * and their CA certificates' expiry, consenters, batch settings and policies.
 */
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

function Orgs({ caption, orgs }: { caption: string; orgs: Org[] }) {
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">MSP</th>
            <th scope="col">CA certificate</th>
            <th scope="col">Expires</th>
          </tr>
        </thead>
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
      <h2>Chaincodes</h2>
      <Status state={chaincodes}>
        {(list) => (
          <div className="table-wrap">
            <table>
              <caption>Chaincode definitions committed on the channel</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Version</th>
                  <th scope="col">Sequence</th>
                  <th scope="col">Endorsement</th>
                  <th scope="col">Collections</th>
                  <th scope="col">Approvals</th>
                </tr>
              </thead>
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
