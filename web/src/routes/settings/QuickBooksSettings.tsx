/**
 * The QuickBooks sync settings from docs/product.md §Settings, saved as soon as they change: the schedule, automatic or
 * manual export, deposit account and default income/expense accounts (chosen from the company's own accounts),
 * pull interval and sub-customer jobs. The company-wide ones are the owner's to change and are written on the
 * edge for every device (company-settings-api.ts); auto-sync and the pull interval stay this device's own.
 * The office reads the company's choices, the crew does not see them.
 */
import { createQuery } from '@tanstack/solid-query'
import { createSignal, Show } from 'solid-js'
import type { Settings, SettingsInput } from '#shared/domain/index.ts'
import { CheckboxField, SelectField, TextField } from '../../components/Field.tsx'
import { getSettings, updateSettings } from '../../db/settings.ts'
import { useDb } from '../../state/db.ts'
import { createLive } from '../../state/live.ts'
import type { AccountChoice, loadAccounts } from '../../state/qbo-connection.ts'
import { accountsQuery } from '../../state/queries.ts'
import { companyFields, type CompanyField } from '../../state/company-settings.ts'
import { saveCompanySettings } from '../../state/company-settings-api.ts'
import { useRole } from '../../state/role.ts'
import { syncStatus } from '../../state/sync-status.ts'
import { CompanySettingsSummary } from './CompanySettingsSummary.tsx'
import { SchedulePicker } from '../sync/SchedulePicker.tsx'
import { ExportModeSwitch } from '../export/ExportModeSwitch.tsx'

const choices = (list: readonly AccountChoice[] | undefined) =>
  (list ?? []).map((a) => ({ value: a.id, label: a.name }))

export function QuickBooksSettings(props: { realmId: string }) {
  const db = useDb()
  const settings = createLive(() => getSettings(db), undefined, ['settings'])
  const accounts = createQuery(() => accountsQuery(props.realmId))
  const role = useRole()
  // A refused company change is drawn again from the saved row (a select would keep showing the refused choice);
  // the message lives here so it outlasts that redraw.
  const [status, setStatus] = createSignal<string>()
  const [drawn, setDrawn] = createSignal(0)
  return (
    <Show when={role.can('settings') || role.can('decisions')}>
      <Show when={settings()} fallback={<p class="loading">Loading sync settings…</p>}>
        {(s) => (
          <Show when={!accounts.isPending} fallback={<p class="loading">Reading your QuickBooks accounts…</p>}>
            <Show
              when={role.can('settings')}
              fallback={<CompanySettingsSummary settings={s()} accounts={accounts.data} />}
            >
              <Show when={drawn() + 1} keyed>
                {(_drawn) => (
                  <SettingsForm
                    settings={s()}
                    accounts={accounts.data}
                    realmId={props.realmId}
                    status={status()}
                    onStatus={setStatus}
                    onRefused={() => setDrawn(drawn() + 1)}
                  />
                )}
              </Show>
            </Show>
          </Show>
        )}
      </Show>
    </Show>
  )
}

const isCompanyField = (k: string): k is CompanyField => (companyFields as readonly string[]).includes(k)

function SettingsForm(props: {
  settings: Settings
  accounts: Awaited<ReturnType<typeof loadAccounts>> | undefined
  realmId: string
  status: string | undefined
  onStatus: (message: string | undefined) => void
  onRefused: () => void
}) {
  const db = useDb()
  const sync = syncStatus()
  const setStatus = (m: string | undefined) => props.onStatus(m)
  const [interval, setInterval] = createSignal(String(props.settings.pullIntervalMinutes))
  const [intervalError, setIntervalError] = createSignal<string>()
  const groups = () => (props.accounts?.ok ? props.accounts.value : undefined)
  const save = async (patch: Partial<SettingsInput>) => {
    setStatus(undefined)
    const company = Object.entries(patch).filter(([k]) => isCompanyField(k))
    if (company.length > 0) {
      const r = await saveCompanySettings(db, props.realmId, Object.fromEntries(company))
      setStatus(r.ok ? 'Saved for every device of the company.' : r.error.message)
      if (!r.ok) props.onRefused()
      return
    }
    const r = await updateSettings(db, patch)
    if (!r.ok) return setStatus(r.error.message)
    setStatus('Saved.')
    if (patch.pullIntervalMinutes !== undefined) sync.start(r.value.pullIntervalMinutes)
  }
  const saveInterval = () => {
    const n = Number(interval())
    if (!Number.isInteger(n) || n < 1 || n > 1440) return setIntervalError('Enter whole minutes from 1 to 1440')
    setIntervalError(undefined)
    void save({ pullIntervalMinutes: n })
  }
  const s = () => props.settings
  return (
    <form
      class="stack qbo-settings"
      onSubmit={(e) => {
        e.preventDefault()
        saveInterval()
      }}
      aria-label="QuickBooks sync settings"
    >
      <div class="grid-2">
        <SchedulePicker schedule={s().schedule} onSave={(schedule) => void save({ schedule })} />
        <CheckboxField
          label="Jobs as sub-customers"
          checked={s().subCustomerJobs}
          onChecked={(v) => void save({ subCustomerJobs: v })}
          hint="Each job becomes a sub-customer of its contact in QuickBooks."
        />
        <ExportModeSwitch manual={s().exportMode === 'manual'} onMessage={setStatus} />
        <WholeNumberField
          label="Bring paid invoices from the last (months)"
          value={s().historyMonths}
          min={0}
          max={120}
          hint="Open invoices always come. Used by the first sync after connecting."
          onSave={(n) => save({ historyMonths: n })}
        />
        <WholeNumberField
          label="While QuickBooks announces changes, also check every (hours)"
          value={s().safetyPollHours}
          min={1}
          max={24}
          hint="A safety check in case an announcement is lost. Without announcements the app checks more often."
          onSave={(n) => save({ safetyPollHours: n })}
        />
        <TextField
          label="Check QuickBooks for changes every (minutes)"
          inputmode="numeric"
          value={interval()}
          onValue={setInterval}
          onBlur={saveInterval}
          error={intervalError()}
          hint="Changes announced by QuickBooks arrive sooner."
        />
      </div>
      <Show
        when={groups()}
        fallback={
          <p class="muted">
            {props.accounts && !props.accounts.ok
              ? `Accounts could not be read: ${props.accounts.error.message}`
              : 'Accounts appear once QuickBooks is reachable.'}
          </p>
        }
      >
        {(g) => (
          <div class="grid-3">
            <SelectField
              label="Deposit payments to"
              value={s().depositAccountId ?? ''}
              placeholder="Undeposited Funds (QuickBooks default)"
              onValue={(v) => void save({ depositAccountId: v || undefined })}
              choices={choices(g().deposit)}
            />
            <SelectField
              label="Income account for new items"
              value={s().defaultIncomeAccountId ?? ''}
              placeholder="Choose an account"
              onValue={(v) => void save({ defaultIncomeAccountId: v || undefined })}
              choices={choices(g().income)}
            />
            <SelectField
              label="Expense account for new items"
              value={s().defaultExpenseAccountId ?? ''}
              placeholder="Choose an account"
              onValue={(v) => void save({ defaultExpenseAccountId: v || undefined })}
              choices={choices(g().expense)}
            />
          </div>
        )}
      </Show>
      <Show when={props.status}>
        {(m) => (
          <p class="muted" role="status" data-testid="settings-status">
            {m()}
          </p>
        )}
      </Show>
    </form>
  )
}

/** A whole number setting, checked on leaving the field; a number out of range says the range. */
function WholeNumberField(props: {
  label: string
  value: number
  min: number
  max: number
  hint: string
  onSave: (n: number) => Promise<unknown>
}) {
  const [text, setText] = createSignal(String(props.value))
  const [error, setError] = createSignal<string>()
  const check = () => {
    const n = Number(text())
    if (text().trim() === '' || !Number.isInteger(n) || n < props.min || n > props.max)
      return setError(`Enter a whole number from ${props.min} to ${props.max}`)
    setError(undefined)
    if (n !== props.value) void props.onSave(n)
  }
  return (
    <TextField
      label={props.label}
      inputmode="numeric"
      value={text()}
      onValue={setText}
      onBlur={check}
      error={error()}
      hint={props.hint}
    />
  )
}
