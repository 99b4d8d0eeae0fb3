/**
 * Department staff: permits by status, twenty a page (the chaincode's bookmark paging), and a
 * registrar's moves through the state machine (review, approve, close; reject needs a reason
 * and stays with the API). The chaincode refuses an illegal move with 409 CONFLICT, shown as is.
 */
import { useState } from 'react';
import { PERMIT_STATUSES, type Permit, type PermitStatus } from '@domain/records/permits';
import { api } from '../api';
import { Field } from '../components/Field';
import { ProblemMessage, Status } from '../components/Status';
import { useAction } from '../useAction';
import { useApi } from '../useApi';

interface PermitPage {
  items: Permit[];
  bookmark: string;
}

const MOVES = [
  ['review', 'Start review'],
  ['approve', 'Approve'],
  ['close', 'Close'],
] as const;

function Moves({ permit, onMoved }: { permit: Permit; onMoved: () => void }) {
  const move = useAction<unknown>();
  return (
    <span className="moves">
      {MOVES.map(([action, label]) => (
        <button
          key={action}
          type="button"
          aria-label={`${label}: permit ${permit.id}`}
          disabled={move.busy}
          onClick={() =>
            void move.run(async () => {
              const result = await api('POST', `/v1/permits/${encodeURIComponent(permit.id)}/${action}`, undefined);
              onMoved();
              return result;
            })
          }
        >
          {label}
        </button>
      ))}
      {move.error && <ProblemMessage error={move.error} />}
    </span>
  );
}

export function PermitsView() {
  const [status, setStatus] = useState<PermitStatus>('APPLIED');
  // The bookmarks of the pages before this one, so "Previous" can go back.
  const [bookmarks, setBookmarks] = useState<string[]>(['']);
  const bookmark = bookmarks[bookmarks.length - 1] ?? '';
  const page = useApi<PermitPage>(`/v1/permits?status=${status}${bookmark === '' ? '' : `&bookmark=${encodeURIComponent(bookmark)}`}`);
  return (
    <section aria-labelledby="permits-title">
      <h1 id="permits-title">Permits</h1>
      <Field id="permit-status" label="Status">
        <select
          id="permit-status"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as PermitStatus);
            setBookmarks(['']);
          }}
        >
          {PERMIT_STATUSES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </Field>
      <Status state={page}>
        {(p) => (
          <>
            <ul className="permits">
              {p.items.length === 0 && <li>No permit is {status}.</li>}
              {p.items.map((permit) => (
                <li key={permit.id}>
                  <strong>{permit.id}</strong> {permit.kind}: {permit.description} <Moves permit={permit} onMoved={page.reload} />
                </li>
              ))}
            </ul>
            <nav aria-label="Permit pages" className="pager">
              <button type="button" disabled={bookmarks.length === 1} onClick={() => setBookmarks(bookmarks.slice(0, -1))}>
                Previous
              </button>
              <button type="button" disabled={p.bookmark === ''} onClick={() => setBookmarks([...bookmarks, p.bookmark])}>
                Next
              </button>
            </nav>
          </>
        )}
      </Status>
    </section>
  );
}
