import type { BudgetSummary as Budget } from "../../shared/engine/types";
import { formatAmount } from "../../shared/money/format";

/**
 * Per cost center (and period): what remains after these rows, red when over, and under it the
 * budget, spent, committed and what these rows consumed. Two lines per budget fit 320 px.
 */
export function BudgetSummary({ budgets }: { budgets: readonly Budget[] }) {
  if (budgets.length === 0) return <p class="muted">No row counted against a budget.</p>;
  return (
    <div>
      <h3>Budgets after these rows</h3>
      <table class="summary" data-testid="summary">
        <thead>
          <tr>
            <th scope="col">Cost center</th>
            <th scope="col" class="num">
              Remaining
            </th>
          </tr>
        </thead>
        <tbody>
          {budgets.map((b) => {
            const amount = (minor: number) => formatAmount(minor, b.currency);
            return (
              <tr
                key={`${b.costCenter} ${b.period}`}
                class={b.remaining < 0 ? "over" : ""}
                data-testid="summary-row"
                data-cost-center={b.costCenter}
              >
                <td>
                  <strong>{b.costCenter}</strong> <span class="muted">{b.period}</span>
                  <span class="clip muted">
                    Budget <span data-field="budget">{amount(b.budget)}</span> · spent{" "}
                    <span data-field="spent">{amount(b.spent)}</span> · committed{" "}
                    <span data-field="committed">{amount(b.committed)}</span> · these rows{" "}
                    <span data-field="consumed">{amount(b.consumed)}</span>
                  </span>
                </td>
                <td class="num">
                  <span data-field="remaining">{amount(b.remaining)}</span> {b.currency}
                  {b.remaining < 0 && <span class="clip">over ({b.action})</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
