/**
 * Loading and error states of a read: a polite "Loading…", or the problem+json's code and
 * message in an alert, never a blank page; otherwise the children with the data.
 *
 * @example
 * ```tsx
 * <Status state={parcel}>{(p) => <ParcelCard parcel={p} />}</Status>
 * ```
 */
import type { ReactNode } from 'react';
import type { ApiError } from '../api';
import type { ApiState } from '../useApi';

export function ProblemMessage({ error }: { error: ApiError }) {
  return (
    <div role="alert" className="problem">
      <strong>{error.code}</strong>: {error.message}
      {error.errors.length > 0 && (
        <ul>
          {error.errors.map((e) => (
            <li key={e.path}>
              <code>{e.path}</code> {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Status<T>({ state, children }: { state: ApiState<T>; children: (data: T) => ReactNode }) {
  if (state.loading) return <p aria-live="polite" className="loading">Loading…</p>;
  if ('error' in state) return <ProblemMessage error={state.error} />;
  return <>{children(state.data)}</>;
}
