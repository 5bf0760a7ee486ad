/**
 * The company's sync settings as words, for devices that may not change them: the owner changes them on theirs
 * and every device shows the change within seconds.
 */
import { For } from 'solid-js'
import type { Settings } from '#shared/domain/index.ts'
import type { AccountChoice, loadAccounts } from '../../state/qbo-connection.ts'

type Accounts = Awaited<ReturnType<typeof loadAccounts>> | undefined

export function CompanySettingsSummary(props: { settings: Settings; accounts: Accounts }) {
  const name = (
    list: (g: { deposit: AccountChoice[]; income: AccountChoice[]; expense: AccountChoice[] }) => AccountChoice[],
    id: string | undefined,
    none: string,
  ) => {
    if (!id) return none
    const groups = props.accounts?.ok ? props.accounts.value : undefined
    return (groups ? list(groups).find((a) => a.id === id)?.name : undefined) ?? `Account ${id}`
  }
  const rows = () => {
    const s = props.settings
    return [
      ['Deposit payments to', name((g) => g.deposit, s.depositAccountId, 'Undeposited Funds (QuickBooks default)')],
      ['Income account for new items', name((g) => g.income, s.defaultIncomeAccountId, 'Not chosen')],
      ['Expense account for new items', name((g) => g.expense, s.defaultExpenseAccountId, 'Not chosen')],
      ['Invoices and payments', s.exportMode === 'manual' ? 'Sent when the owner picks them' : 'Sent automatically'],
      ['Jobs as sub-customers', s.subCustomerJobs ? 'Yes' : 'No'],
      ['Paid invoices brought from the last', `${s.historyMonths} months`],
    ] as const
  }
  return (
    <section class="stack" aria-labelledby="company-settings-title" data-testid="company-settings">
      <h4 id="company-settings-title">Company settings</h4>
      <p class="muted">Set by the company's owner for every device.</p>
      <dl class="grid-2">
        <For each={rows()}>
          {([label, value]) => (
            <div>
              <dt class="field-label">{label}</dt>
              <dd data-testid={`company-setting-${label}`}>{value}</dd>
            </div>
          )}
        </For>
      </dl>
    </section>
  )
}
