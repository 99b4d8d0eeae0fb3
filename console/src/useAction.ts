/**
 * A page's write or long read (verify, register, audit): busy while it runs, then its result
 * or the ApiError to show. Starting again clears the previous outcome.
 *
 * @example
 * ```tsx
 * const audit = useAction<Report>();
 * <button onClick={() => void audit.run(() => api('POST', '/v1/ledger/verification', {}))} disabled={audit.busy}>
 * ```
 */
import { useState } from 'react';
import { ApiError } from './api';

export interface Action<T> {
  readonly busy: boolean;
  readonly result?: T;
  readonly error?: ApiError;
  run(action: () => Promise<T>): Promise<void>;
  /** Shows a problem found before any request (bad JSON, a field the schema refuses). */
  fail(error: ApiError): void;
}

export function useAction<T>(): Action<T> {
  const [state, setState] = useState<{ busy: boolean; result?: T; error?: ApiError }>({ busy: false });
  return {
    ...state,
    async run(action) {
      setState({ busy: true });
      try {
        setState({ busy: false, result: await action() });
      } catch (err) {
        setState({ busy: false, error: err instanceof ApiError ? err : new ApiError(0, 'CLIENT', String(err)) });
      }
    },
    fail(error) {
      setState({ busy: false, error });
    },
  };
}
