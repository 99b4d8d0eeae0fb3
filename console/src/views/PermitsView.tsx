/**
 * Department staff: permits by status, twenty a page (the chaincode's bookmark paging), and a
 * registrar's moves through the state machine (review, approve, reject with a public reason,
 * close). The reason is checked first with the domain's `PermitRejection`, the API's body; the
 * chaincode refuses an illegal move with 409 CONFLICT, shown as is.
 */
import { useState } from 'react';
import { PERMIT_STATUSES, PermitRejection, type Permit, type PermitStatus } from '@domain/records/permits';
import { api } from '../api';
import { checked } from '../checked';
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
  const [reason, setReason] = useState('');
  const submit = (action: string, body?: () => unknown) =>
    void move.run(async () => {
      const result = await api('POST', `/v1/permits/${encodeURIComponent(permit.id)}/${action}`, body?.());
      onMoved();
      return result;
    });
  return (
    <span className="moves">
      {MOVES.map(([action, label]) => (
        <button key={action} type="button" aria-label={`${label}: permit ${permit.id}`} disabled={move.busy} onClick={() => submit(action)}>
          {label}
        </button>
      ))}
      {permit.status === 'UNDER_REVIEW' && (
        <form className="inline-form" aria-label={`Reject permit ${permit.id}`} onSubmit={(e) => (e.preventDefault(), submit('reject', () => checked(PermitRejection, { reason }, 'rejection')))} noValidate>
          <Field id={`reject-${permit.id}`} label={`Public reason for rejecting permit ${permit.id}`}>
            <input id={`reject-${permit.id}`} value={reason} onChange={(e) => setReason(e.target.value)} autoComplete="off" />
          </Field>
          <button type="submit" disabled={move.busy}>
            Reject
          </button>
        </form>
      )}
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
