/**
 * Public: a department's budget for a fiscal year (budgeted, committed and spent, from the
 * governance chaincode's appropriations and payments), and a participatory-budgeting round with
 * its tally once closed.
 */
import { useState, type FormEvent } from 'react';
import type { BudgetSummary } from '@domain/governance/budget';
import type { BudgetRound as Round } from '@domain/governance/budgeting';
import { Bar } from '../components/Bar';
import { Field } from '../components/Field';
import { LookupForm } from '../components/LookupForm';
import { Status } from '../components/Status';
import { useApi } from '../useApi';

const money = (cents: number) => (cents / 100).toLocaleString('en', { style: 'currency', currency: 'USD' });

function Summary({ department, year }: { department: string; year: string }) {
  const summary = useApi<BudgetSummary>(`/v1/budget-summaries/${encodeURIComponent(department)}/${encodeURIComponent(year)}`);
  return (
    <Status state={summary}>
      {(s) => (
        <figure className="chart">
          <figcaption>
            {s.department}, fiscal year {s.fiscalYear}: {s.appropriations.length} appropriation(s)
          </figcaption>
          <Bar label="Budgeted" value={s.budgeted} max={s.budgeted} format={money} />
          <Bar label="Committed" value={s.committed} max={s.budgeted} format={money} />
          <Bar label="Spent" value={s.spent} max={s.budgeted} format={money} />
        </figure>
      )}
    </Status>
  );
}

function RoundResult({ id }: { id: string }) {
  const round = useApi<Round>(`/v1/budget-rounds/${encodeURIComponent(id)}`);
  return (
    <Status state={round}>
      {(r) => {
        const most = Math.max(1, ...(r.tally?.approvals.map((a) => a.approvals) ?? []));
        return (
          <figure className="chart">
            <figcaption>
              {r.title}: {r.status === 'OPEN' ? `open until ${r.closesAt}` : `closed, ${r.tally?.ballots ?? 0} ballot(s), ${money(r.tally?.fundedCost ?? 0)} of ${money(r.budget)} funded`}
            </figcaption>
            {r.tally ? (
              r.tally.approvals.map((a) => (
                <Bar key={a.projectId} label={`${a.projectId}${r.tally?.funded.includes(a.projectId) ? ' (funded)' : ''}`} value={a.approvals} max={most} format={(n) => `${n} approval(s)`} />
              ))
            ) : (
              <p>The tally is published when the round closes.</p>
            )}
          </figure>
        );
      }}
    </Status>
  );
}

export function BudgetView() {
  const [department, setDepartment] = useState('');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [summaryOf, setSummaryOf] = useState<{ department: string; year: string }>();
  const [round, setRound] = useState<string>();
  return (
    <section aria-labelledby="budget-title">
      <h1 id="budget-title">Budget</h1>
      <h2>Spent against budgeted</h2>
      <form
        className="inline-form"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          setSummaryOf({ department: department.trim(), year: year.trim() });
        }}
      >
        <Field id="budget-department" label="Department">
          <input id="budget-department" value={department} onChange={(e) => setDepartment(e.target.value)} />
        </Field>
        <Field id="budget-year" label="Fiscal year">
          <input id="budget-year" inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} />
        </Field>
        <button type="submit" disabled={department.trim() === ''}>
          Show
        </button>
      </form>
      {summaryOf && <Summary key={`${summaryOf.department}/${summaryOf.year}`} {...summaryOf} />}
      <h2>Participatory budgeting</h2>
      <LookupForm id="round-id" label="Round ID" button="Show results" onLookup={setRound} />
      {round !== undefined && <RoundResult key={round} id={round} />}
    </section>
  );
}
