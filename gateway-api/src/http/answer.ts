/**
 * A final HTTP answer in a form that can be stored and sent again: an idempotent replay and a
 * finished transaction job both keep one. Errors become answers through errors.ts (`mapError`),
 * so a stored problem is exactly what the client was first sent.
 *
 * @example
 * ```ts
 * const answer = answerOfError(err);         // { status: 409, body: { code: 'CONFLICT', … }, problem: true }
 * sendAnswer(res, answer, { 'Idempotency-Replayed': 'true' });
 * ```
 */
import type { Response } from 'express';
import { mapError, sendProblem, type Problem } from '../errors';
import type { RouteResult } from './route';

export interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
  /** True for an `application/problem+json` body. */
  readonly problem: boolean;
}

/** The answer of a route that succeeded. */
export function answerOfResult(result: RouteResult): Answer {
  return { status: result.status, body: result.body, headers: result.headers ?? {}, problem: false };
}

/** What a route answers, from a success's stored answer. */
export function resultOfAnswer(answer: Answer): RouteResult {
  return { status: answer.status, body: answer.body, headers: answer.headers };
}

/** The answer errors.ts gives `err`. */
export function answerOfError(err: unknown): Answer {
  const mapped = mapError(err);
  return { status: mapped.problem.status, body: mapped.problem, headers: mapped.headers ?? {}, problem: true };
}

/** The problem code of an error answer (`MVCC_CONFLICT`), if it is one. */
export function problemCode(answer: Answer): string | undefined {
  return answer.problem ? (answer.body as Problem).code : undefined;
}

/** Sends a stored answer, with `extraHeaders`. */
export function sendAnswer(res: Response, answer: Answer, extraHeaders: Readonly<Record<string, string>> = {}): void {
  const headers = { ...answer.headers, ...extraHeaders };
  if (answer.problem) {
    sendProblem(res, answer.body as Problem, headers);
    return;
  }
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.status(answer.status).json(answer.body);
}

/** JSON text of an answer, for a TEXT column. */
export function serializeAnswer(answer: Answer): string {
  return JSON.stringify(answer);
}

export function parseAnswer(text: string): Answer {
  return JSON.parse(text) as Answer;
}
