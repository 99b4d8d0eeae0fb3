/**
 * Which events a reader wants: by chaincode and by event name. An empty list means "any".
 * Shared by `GET /v1/events` (query parameters) and webhook subscriptions (stored filters).
 *
 * @example
 * ```ts
 * const filter = { chaincodes: ['records'], eventNames: ['parcel.transferred'] };
 * matches(filter, event);                       // true for a records parcel.transferred event
 * filterProblems(filter, ['records', 'identity', 'logistics'], { chaincodes: '/query/chaincode', eventNames: '/query/event' });   // undefined: valid
 * ```
 */
import type { FieldProblem } from '../errors';
import type { LedgerEvent } from './ledgerEvent';

export interface EventFilter {
  readonly chaincodes: readonly string[];
  readonly eventNames: readonly string[];
}

/** Event names the chaincodes emit: `parcel.transferred`, `WasteCollected`. */
export const EVENT_NAME = /^[A-Za-z][A-Za-z0-9._-]{0,127}$/;

/** Most names one filter may list. */
export const MAX_FILTER_NAMES = 50;

export function matches(filter: EventFilter, event: Pick<LedgerEvent, 'chaincode' | 'eventName'>): boolean {
  return (
    (filter.chaincodes.length === 0 || filter.chaincodes.includes(event.chaincode)) &&
    (filter.eventNames.length === 0 || filter.eventNames.includes(event.eventName))
  );
}

/** Problems of a filter: a chaincode this channel does not run, a malformed event name. */
export function filterProblems(
  filter: EventFilter,
  knownChaincodes: readonly string[],
  at: { readonly chaincodes: string; readonly eventNames: string },
): FieldProblem[] | undefined {
  const problems: FieldProblem[] = [];
  for (const chaincode of filter.chaincodes) {
    if (!knownChaincodes.includes(chaincode)) {
      problems.push({ path: at.chaincodes, message: `unknown chaincode ${JSON.stringify(chaincode)}; known: ${knownChaincodes.join(', ')}` });
    }
  }
  for (const name of filter.eventNames) {
    if (!EVENT_NAME.test(name)) problems.push({ path: at.eventNames, message: `${JSON.stringify(name)} is not an event name` });
  }
  if (filter.chaincodes.length > MAX_FILTER_NAMES) problems.push({ path: at.chaincodes, message: `lists at most ${MAX_FILTER_NAMES} names` });
  if (filter.eventNames.length > MAX_FILTER_NAMES) problems.push({ path: at.eventNames, message: `lists at most ${MAX_FILTER_NAMES} names` });
  return problems.length > 0 ? problems : undefined;
}
