/**
 * Public: a parcel's public record (title holder's pseudonym, location, area, land use,
 * encumbrances) and its history as a timeline, one entry per committed transaction. The
 * owner's personal data is private to the Registry and never shown here.
 */
import { useState } from 'react';
import type { Parcel } from '@domain/records/property';
import type { HistoryEntry } from '@domain/schemas';
import { LookupForm } from '../components/LookupForm';
import { Status } from '../components/Status';
import { useApi } from '../useApi';

type ParcelHistory = HistoryEntry<Parcel>[];

function Record({ id }: { id: string }) {
  const parcel = useApi<Parcel>(`/v1/parcels/${encodeURIComponent(id)}`);
  const history = useApi<ParcelHistory>(`/v1/parcels/${encodeURIComponent(id)}/history`);
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
  const [id, setId] = useState<string>();
  return (
    <section aria-labelledby="parcel-title">
      <h1 id="parcel-title">Parcel record</h1>
      <LookupForm id="parcel-lookup" label="Parcel ID" button="Look up" onLookup={setId} />
      {id !== undefined && <Record key={id} id={id} />}
    </section>
  );
}
