/**
 * Public: a parcel's public record (title holder's pseudonym, location, area, land use,
 * encumbrances) and its history as a timeline, one entry per committed transaction. The
 * owner's personal data is private to the Registry and never shown here.
 */
import { useState, type FormEvent } from 'react';
import { Field } from '../components/Field';
import { Status } from '../components/Status';
import { useApi } from '../useApi';

interface Parcel {
  id: string;
  ownerId: string;
  location: string;
  areaM2: number;
  landUse: string;
  encumbrances: { id: string; kind: string; status: string }[];
  registeredAt: string;
  updatedAt: string;
}

interface HistoryEntry {
  txId: string;
  timestamp: string;
  isDelete: boolean;
  value?: Parcel;
}

function Record({ id }: { id: string }) {
  const parcel = useApi<Parcel>(`/v1/parcels/${encodeURIComponent(id)}`);
  const history = useApi<HistoryEntry[]>(`/v1/parcels/${encodeURIComponent(id)}/history`);
  return (
    <>
      <Status state={parcel}>
        {(p) => (
          <dl className="record">
            <dt>Parcel</dt>
            <dd>{p.id}</dd>
            <dt>Title holder (pseudonym)</dt>
            <dd>{p.ownerId}</dd>
            <dt>Location</dt>
            <dd>{p.location}</dd>
            <dt>Area</dt>
            <dd>{p.areaM2.toLocaleString('en')} m²</dd>
            <dt>Land use</dt>
            <dd>{p.landUse}</dd>
            <dt>Encumbrances</dt>
            <dd>{p.encumbrances.length === 0 ? 'none' : p.encumbrances.map((e) => `${e.kind} (${e.status})`).join(', ')}</dd>
          </dl>
        )}
      </Status>
      <h2>History</h2>
      <Status state={history}>
        {(entries) => (
          <ol className="timeline">
            {entries.map((entry) => (
              <li key={entry.txId}>
                <time dateTime={entry.timestamp}>{entry.timestamp}</time>
                <span>{entry.isDelete ? 'deleted' : `holder ${entry.value?.ownerId ?? '?'}, ${entry.value?.encumbrances.length ?? 0} encumbrance(s)`}</span>
                <code className="txid">{entry.txId}</code>
              </li>
            ))}
          </ol>
        )}
      </Status>
    </>
  );
}

export function ParcelView() {
  const [input, setInput] = useState('');
  const [id, setId] = useState<string>();
  function submit(event: FormEvent) {
    event.preventDefault();
    setId(input.trim());
  }
  return (
    <section aria-labelledby="parcel-title">
      <h1 id="parcel-title">Parcel record</h1>
      <form onSubmit={submit} className="inline-form">
        <Field id="parcel-lookup" label="Parcel ID">
          <input id="parcel-lookup" value={input} onChange={(e) => setInput(e.target.value)} autoComplete="off" />
        </Field>
        <button type="submit" disabled={input.trim() === ''}>
          Look up
        </button>
      </form>
      {id !== undefined && <Record key={id} id={id} />}
    </section>
  );
}
