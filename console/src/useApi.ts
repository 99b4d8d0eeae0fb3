/**
 * A page's read of the gateway, with its loading and error states: `{ loading }`, then the
 * data or the ApiError, which {@link Status} shows. `reload` asks again.
 *
 * @example
 * ```tsx
 * const blocks = useApi<BlockPage>(`/v1/ledger/blocks?before=${before}`);
 * return <Status state={blocks}>{(page) => <BlockTable page={page} />}</Status>;
 * ```
 */
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from './api';

export type ApiState<T> = { readonly loading: true } | { readonly loading: false; readonly data: T } | { readonly loading: false; readonly error: ApiError };

export function useApi<T>(path: string | undefined): ApiState<T> & { reload: () => void } {
  const [state, setState] = useState<ApiState<T>>({ loading: true });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  useEffect(() => {
    if (path === undefined) return;
    let current = true;
    setState({ loading: true });
    api<T>('GET', path).then(
      (data) => current && setState({ loading: false, data }),
      (error: unknown) => current && setState({ loading: false, error: error instanceof ApiError ? error : new ApiError(0, 'CLIENT', String(error)) }),
    );
    return () => {
      current = false;
    };
  }, [path, round]);
  return { ...state, reload };
}
