import { ballotCost, tallyBallots, type BudgetProject } from './budgeting';

const project = (id: string, cost: number): BudgetProject => ({ id, title: id, cost, department: 'Registry' });
const round = { budget: 100, projects: [project('A', 60), project('B', 50), project('C', 50), project('D', 10)] };

describe('tallyBallots', () => {
  it('funds by approvals, then lower cost, then ID, while each fits; unapproved projects never', () => {
    const tally = tallyBallots(round, [{ choices: ['A', 'B', 'C'] }, { choices: ['C', 'B'] }, { choices: ['A', 'UNKNOWN'] }]);
    expect(tally.approvals).toEqual([
      { projectId: 'A', approvals: 2 },
      { projectId: 'B', approvals: 2 },
      { projectId: 'C', approvals: 2 },
      { projectId: 'D', approvals: 0 },
    ]);
    // B and C (50) before A (60) on cost; B before C on ID; A no longer fits; D has no approval.
    expect(tally).toMatchObject({ ballots: 3, funded: ['B', 'C'], fundedCost: 100 });
  });

  it('skips a project that does not fit and funds a later one that does', () => {
    expect(tallyBallots(round, [{ choices: ['A', 'B', 'D'] }, { choices: ['A', 'B'] }, { choices: ['A'] }]).funded).toEqual(['A', 'D']);
  });
});

describe('ballotCost', () => {
  it('sums the costs, or names the first unknown project', () => {
    expect(ballotCost(round, ['A', 'D'])).toEqual({ cost: 70 });
    expect(ballotCost(round, ['A', 'X', 'Y'])).toEqual({ unknown: 'X' });
  });
});
