/**
 * The setup wizard, after the first connect and again from Settings: (1) the company and its invoice numbering,
 * (2) accounts and the free-text service item, (3) what QuickBooks holds to import, (4) how to sync, (5) preview
 * and run the initial sync. Each step says what it will do in QuickBooks before anything is done; every choice is
 * saved through `saveCompanySettings` as it is made.
 */
import { createEffect, createSignal, For, Match, on, Show, Switch } from 'solid-js'
import { CheckboxField, SelectField } from '../../components/Field.tsx'
import { PageHeader } from '../../components/PageHeader.tsx'
import { getSettings } from '../../db/settings.ts'
import { useDb } from '../../state/db.ts'
import { createLive } from '../../state/live.ts'
import { useSession } from '../../state/session.ts'
import { ExportModeSwitch } from '../export/ExportModeSwitch.tsx'
import { InitialSyncPanel } from '../sync/InitialSyncPanel.tsx'
import { SchedulePicker } from '../sync/SchedulePicker.tsx'
import { saveCompanySettings, type CompanySettingsPatch } from './save-company-settings.ts'
import { ImportButtons } from './ImportButtons.tsx'
import { readSetupFacts, type SetupFacts } from './setup-reads.ts'

const STEPS = ['Company', 'Accounts', 'Import', 'How to sync', 'First sync'] as const

export default function SetupWizard() {
  const db = useDb()
  const qbo = useSession()
  const settings = createLive(() => getSettings(db), undefined, ['settings'])
  const realm = () => {
    const s = qbo.session()
    return s?.connected ? s.realmId : undefined
  }
  // Read by hand, not as a resource: a resource read inside the app's Suspense would blank the whole page meanwhile.
  const [facts, setFacts] = createSignal<SetupFacts>()
  const [factsError, setFactsError] = createSignal<string>()
  createEffect(
    on(realm, (r) => {
      if (r) readSetupFacts(r).then(setFacts, (e: unknown) => setFactsError(e instanceof Error ? e.message : String(e)))
    }),
  )
  const [step, setStep] = createSignal(0)
  const [note, setNote] = createSignal<string>()
  const save = async (patch: CompanySettingsPatch) => {
    const r = await saveCompanySettings(db, realm(), patch)
    setNote(r.ok ? 'Saved.' : r.error.message)
  }
  const company = () => {
    const s = qbo.session()
    return s?.connected ? s.companyName : undefined
  }
  return (
    <div class="stack" data-testid="setup-wizard">
      <PageHeader title="Set up QuickBooks" back={{ href: '/settings', label: 'Settings' }} />
      <ol
        aria-label="Steps"
        style={{ display: 'flex', gap: '8px', 'flex-wrap': 'wrap', 'list-style': 'none', padding: 0, margin: 0 }}
      >
        <For each={STEPS}>
          {(name, i) => (
            <li>
              <button
                type="button"
                class="btn"
                classList={{ 'btn-primary-solid': i() === step() }}
                aria-current={i() === step() ? 'step' : undefined}
                onClick={() => setStep(i())}
              >
                {i() + 1}. {name}
              </button>
            </li>
          )}
        </For>
      </ol>
      <Show when={realm()} fallback={<p class="warning-box">Connect QuickBooks in Settings first.</p>}>
        <Show when={!factsError()} fallback={<p class="form-error">QuickBooks could not be read: {factsError()}</p>}>
          <Show when={facts() && settings()} fallback={<p class="loading">Reading your QuickBooks company…</p>}>
            <section class="card stack" data-testid={`setup-step-${step() + 1}`}>
              <Switch>
                <Match when={step() === 0}>
                  <h3>1. Your company</h3>
                  <p>
                    Connected to <strong data-testid="setup-company">{company()}</strong>.
                  </p>
                  <p>
                    {facts()!.quickBooksNumbers
                      ? 'QuickBooks numbers your invoices itself: invoices from this tablet get the next QuickBooks number when they are sent.'
                      : 'Your company types its own invoice numbers: this tablet numbers invoices and sends those numbers to QuickBooks.'}
                  </p>
                  <p class="muted">Nothing is sent to QuickBooks in this step.</p>
                </Match>
                <Match when={step() === 1}>
                  <AccountsStep facts={facts()!} settings={settings()!} save={save} />
                </Match>
                <Match when={step() === 2}>
                  <h3>3. What QuickBooks already has</h3>
                  <p data-testid="setup-counts">
                    QuickBooks has <strong>{facts()!.customers}</strong> customers and <strong>{facts()!.items}</strong>{' '}
                    products and services.
                  </p>
                  <p>
                    Import them now, or later from Settings. Either way the first sync (step 5) matches them with your
                    contacts and pricebook, linking instead of creating anything twice.
                  </p>
                  <ImportButtons />
                </Match>
                <Match when={step() === 3}>
                  <h3>4. How to sync</h3>
                  <SchedulePicker schedule={settings()!.schedule} onSave={(schedule) => void save({ schedule })} />
                  <ExportModeSwitch manual={settings()!.exportMode === 'manual'} onMessage={setNote} />
                  <CheckboxField
                    label="Jobs as sub-customers"
                    checked={settings()!.subCustomerJobs}
                    onChecked={(v) => void save({ subCustomerJobs: v })}
                    hint="Each job becomes a sub-customer of its customer in QuickBooks, and its invoices go to it."
                  />
                </Match>
                <Match when={step() === 4}>
                  <h3>5. Preview and run the first sync</h3>
                  <p>
                    The preview shows what will be linked, created here and created in QuickBooks. Nothing is sent until
                    you press Run.
                  </p>
                  <InitialSyncPanel />
                  <div>
                    <button type="button" class="btn btn-primary-solid" onClick={() => void save({ setupDone: true })}>
                      Finish setup
                    </button>
                  </div>
                </Match>
              </Switch>
            </section>
            <div class="actions-row">
              <Show when={note()}>
                {(n) => (
                  <span class="muted" role="status">
                    {n()}
                  </span>
                )}
              </Show>
              <button type="button" class="btn" disabled={step() === 0} onClick={() => setStep(step() - 1)}>
                Back
              </button>
              <Show when={step() < STEPS.length - 1}>
                <button type="button" class="btn btn-primary-solid" onClick={() => setStep(step() + 1)}>
                  Next
                </button>
              </Show>
            </div>
          </Show>
        </Show>
      </Show>
    </div>
  )
}

function AccountsStep(props: {
  facts: SetupFacts
  settings: {
    depositAccountId?: string | undefined
    defaultIncomeAccountId?: string | undefined
    defaultExpenseAccountId?: string | undefined
    freeTextItemId?: string | undefined
  }
  save: (p: CompanySettingsPatch) => Promise<void>
}) {
  const f = () => props.facts
  const s = () => props.settings
  return (
    <>
      <h3>2. Accounts</h3>
      <p>
        New items created from this tablet are booked to these accounts in QuickBooks, and payments are deposited to the
        deposit account. QuickBooks' usual accounts are preselected.
      </p>
      <div class="grid-2">
        <SelectField
          label="Deposit payments to"
          value={s().depositAccountId ?? f().usual.deposit ?? ''}
          onValue={(v) => void props.save({ depositAccountId: v || undefined })}
          choices={f().deposit}
        />
        <SelectField
          label="Income account for new items"
          value={s().defaultIncomeAccountId ?? f().usual.income ?? ''}
          onValue={(v) => void props.save({ defaultIncomeAccountId: v || undefined })}
          choices={f().income}
        />
        <SelectField
          label="Expense account for new items"
          value={s().defaultExpenseAccountId ?? f().usual.expense ?? ''}
          onValue={(v) => void props.save({ defaultExpenseAccountId: v || undefined })}
          choices={f().expense}
        />
        <SelectField
          label="Free-text lines post to"
          value={s().freeTextItemId ?? ''}
          placeholder="Choose a service item"
          onValue={(v) => void props.save({ freeTextItemId: v || undefined })}
          choices={f().serviceItems}
          hint="A line typed on an invoice without a pricebook item goes to QuickBooks as this service item."
        />
      </div>
      <div>
        <button
          type="button"
          class="btn"
          onClick={() =>
            void props.save({
              depositAccountId: s().depositAccountId ?? f().usual.deposit,
              defaultIncomeAccountId: s().defaultIncomeAccountId ?? f().usual.income,
              defaultExpenseAccountId: s().defaultExpenseAccountId ?? f().usual.expense,
            })
          }
        >
          Use these accounts
        </button>
      </div>
    </>
  )
}
