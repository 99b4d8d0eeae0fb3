/**
 * The console's one way to the gateway: same-origin fetches (the CSP allows no other), with the
 * signed-in user's API key or bearer token when there is one. A refusal becomes an {@link ApiError} carrying
 * the problem+json `code` and `detail`, which the pages show as they are.
 *
 * @example
 * ```ts
 * const parcel = await api<Parcel>('GET', `/v1/parcels/${id}`);
 * await api('POST', '/v1/parcels', body);   // throws ApiError { code: 'CONFLICT', detail: 'parcel P-1 already exists' }
 * ```
 */
import { session } from './session';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

interface Problem {
  code?: string;
  title?: string;
  detail?: string;
  errors?: { path: string; message: string }[];
}

export function authHeaders(): Record<string, string> {
  return session.headers();
}

export async function api<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: { Accept: 'application/json', ...authHeaders(), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, 'UNREACHABLE', `the gateway did not answer: ${(err as Error).message}`);
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    throw new ApiError(response.status, 'NOT_JSON', `the gateway answered ${response.status} without JSON`);
  }
  if (!response.ok) {
    const problem = (parsed ?? {}) as Problem;
    throw new ApiError(response.status, problem.code ?? `HTTP_${response.status}`, problem.detail ?? problem.title ?? `HTTP ${response.status}`, problem.errors);
  }
  return parsed as T;
}
