/**
 * Department staff: the live feed of chaincode events from the gateway's SSE stream
 * (`GET /v1/events`). EventSource cannot send the API key header, so the stream is read with
 * fetch and parsed here (`id:`, `event:`, `data:` lines, blank line ends an event).
 */
import { useEffect, useState } from 'react';
import { authHeaders } from '../api';

interface FeedEvent {
  id: string;
  chaincode: string;
  eventName: string;
  txId: string;
  blockNumber: number;
}

const KEEP = 50;

export function FeedView() {
  const [events, setEvents] = useState<FeedEvent[]>([]);
  const [state, setState] = useState('connecting…');

  useEffect(() => {
    const abort = new AbortController();
    void (async () => {
      try {
        const response = await fetch('/v1/events', { headers: { Accept: 'text/event-stream', ...authHeaders() }, signal: abort.signal });
        if (!response.ok || !response.body) {
          const problem = (await response.json().catch(() => ({}))) as { code?: string; detail?: string };
          setState(`${problem.code ?? response.status}: ${problem.detail ?? 'the stream was refused'}`);
          return;
        }
        setState('live');
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block.split('\n').find((line) => line.startsWith('data: '));
            if (data) {
              const event = JSON.parse(data.slice(6)) as FeedEvent;
              setEvents((list) => [event, ...list].slice(0, KEEP));
            }
          }
        }
        setState('closed');
      } catch (err) {
        if (!abort.signal.aborted) setState(`disconnected: ${(err as Error).message}`);
      }
    })();
    return () => abort.abort();
  }, []);

  return (
    <section aria-labelledby="feed-title">
      <h1 id="feed-title">Live events</h1>
      <p>
        Stream: <span className="stream-state">{state}</span>. The newest {KEEP} events, newest first.
      </p>
      <ol className="feed" aria-live="polite">
        {events.map((e) => (
          <li key={e.id}>
            <strong>{e.eventName}</strong> <span>{e.chaincode}</span> <span>block {e.blockNumber}</span> <code className="txid">{e.txId}</code>
          </li>
        ))}
      </ol>
    </section>
  );
}
