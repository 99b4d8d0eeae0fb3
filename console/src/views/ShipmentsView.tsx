/**
 * Department staff (officers, clerks): a shipment's custody handover. The custodian offers
 * custody to another department (or withdraws the offer); the receiving department accepts,
 * optionally saying where. Both bodies are checked first with the domain's schemas
 * (`custodyOfferInput` over the consortium's departments, `EventContextInput`), as the gateway
 * checks them; who may move the shipment is the chaincode's to decide (403 and 409 shown as is).
 */
import { useState } from 'react';
import { EventContextInput } from '@domain/logistics/epcis';
import { custodyOfferInput, type Shipment } from '@domain/logistics/shipment';
import { api } from '../api';
import { checked } from '../checked';
import { Field } from '../components/Field';
import { LookupForm } from '../components/LookupForm';
import { TextField } from '../components/TextField';
import { ProblemMessage, Status } from '../components/Status';
import { session } from '../session';
import { useAction } from '../useAction';
import { useApi } from '../useApi';

interface Moved {
  result: Shipment;
  txId: string;
}

const at = (id: string, move: string) => `/v1/shipments/${encodeURIComponent(id)}/${move}`;

function Custody({ shipment, onMoved }: { shipment: Shipment; onMoved: (shipment: Shipment) => void }) {
  const who = session.who();
  const others = (who?.departments ?? []).filter((d) => d !== who?.org);
  const [to, setTo] = useState(others[0] ?? '');
  const [bizLocation, setBizLocation] = useState('');
  const move = useAction<Moved>();
  const run = (request: () => Promise<Moved>) =>
    void move.run(async () => {
      const moved = await request();
      onMoved(moved.result);
      return moved;
    });
  const offer = () => run(() => api<Moved>('POST', at(shipment.id, 'custody-offer'), checked(custodyOfferInput(who?.departments ?? []), { to }, 'offer')));
  const withdraw = () => run(() => api<Moved>('DELETE', at(shipment.id, 'custody-offer')));
  const accept = () => run(() => api<Moved>('POST', at(shipment.id, 'custody-offer/accept'), checked(EventContextInput, bizLocation.trim() === '' ? {} : { bizLocation: bizLocation.trim() }, 'context')));

  const offered = shipment.pendingOffer;
  return (
    <>
      {shipment.status === 'ACTIVE' && shipment.custodian === who?.org && (
        <form className="inline-form" aria-label="Offer custody" onSubmit={(e) => (e.preventDefault(), offer())} noValidate>
          <Field id="offer-to" label="Receiving department">
            <select id="offer-to" value={to} onChange={(e) => setTo(e.target.value)}>
              {others.map((d) => (
                <option key={d}>{d}</option>
              ))}
            </select>
          </Field>
          <button type="submit" disabled={move.busy}>
            Offer custody
          </button>
        </form>
      )}
      {offered && offered.from === who?.org && (
        <button type="button" disabled={move.busy} onClick={withdraw}>
          Withdraw the offer to {offered.to}
        </button>
      )}
      {offered && offered.to === who?.org && (
        <form className="inline-form" aria-label="Accept custody" onSubmit={(e) => (e.preventDefault(), accept())} noValidate>
          <TextField id="accept-location" label="Where accepted (SGLN URN, optional)" value={bizLocation} onChange={(e) => setBizLocation(e.target.value)} />
          <button type="submit" disabled={move.busy}>
            Accept custody
          </button>
        </form>
      )}
      {move.busy && <p aria-live="polite" className="loading">Submitting…</p>}
      {move.error && <ProblemMessage error={move.error} />}
      {move.result && (
        <p role="status" className="done">
          Shipment {move.result.result.id} is {move.result.result.status}, held by {move.result.result.custodian}; transaction <code className="txid">{move.result.txId}</code>.
        </p>
      )}
    </>
  );
}

function ShipmentCard({ id }: { id: string }) {
  const read = useApi<Shipment>(`/v1/shipments/${encodeURIComponent(id)}`);
  // After a move, the shipment as the transaction left it (the read would show the same once committed).
  const [moved, setMoved] = useState<Shipment>();
  return (
    <Status state={read}>
      {(current) => {
        const s = moved ?? current;
        return (
        <>
          <dl className="record">
            <dt>Shipment</dt>
            <dd>{s.id}</dd>
            <dt>Status</dt>
            <dd>{s.status}</dd>
            <dt>Custodian</dt>
            <dd>{s.custodian}</dd>
            <dt>Pending offer</dt>
            <dd>{s.pendingOffer ? `${s.pendingOffer.from} → ${s.pendingOffer.to} (${s.pendingOffer.offeredAt})` : 'none'}</dd>
            <dt>Goods</dt>
            <dd>{[...s.epcList, ...s.quantityList.map((q) => `${q.quantity} ${q.uom ?? ''} ${q.epcClass}`)].join(', ')}</dd>
          </dl>
          <Custody shipment={s} onMoved={setMoved} />
        </>
        );
      }}
    </Status>
  );
}

export function ShipmentsView() {
  const [id, setId] = useState<string>();
  return (
    <section aria-labelledby="shipments-title">
      <h1 id="shipments-title">Shipments</h1>
      <p>Custody moves between departments in two steps: the custodian offers it, the receiving department accepts.</p>
      <LookupForm id="shipment-lookup" label="Shipment ID" button="Look up" onLookup={setId} />
      {id !== undefined && <ShipmentCard key={id} id={id} />}
    </section>
  );
}
