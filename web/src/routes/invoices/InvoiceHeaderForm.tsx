/**
 * Job and property, number, dates, tax rate and memo. Each change is saved on its own; on a finalized
 * invoice only the due date and memo stay editable (as QuickBooks allows), and the
 * number until QuickBooks has the invoice (checked: never one another invoice here has) — unless QuickBooks
 * numbers the company's invoices, when there is no number of ours to edit.
 */
import { createSignal, Show } from 'solid-js'
import type { Invoice } from '#shared/domain/index.ts'
import { TextField } from '../../components/Field.tsx'
import { updateInvoiceHeader } from '../../db/invoices.ts'
import { getSettings } from '../../db/settings.ts'
import { useDb } from '../../state/db.ts'
import { blankToUndefined } from '../../state/form.ts'
import { useFormats } from '../../state/format.ts'
import { createLive } from '../../state/live.ts'
import { createSyncStates } from '../../state/live-sync.ts'
import { useInvoiceNumbers } from '../../state/sync-requests.ts'
import { InvoiceJobFields } from './InvoiceJobFields.tsx'

export function InvoiceHeaderForm(props: { invoice: Invoice }) {
  const db = useDb()
  const fmt = useFormats()
  const [errors, setErrors] = createSignal<Record<string, string>>({})
  const [saved, setSaved] = createSignal(false)
  const inv = () => props.invoice
  const draft = () => inv().status === 'draft'
  const save = async (patch: Parameters<typeof updateInvoiceHeader>[2]) => {
    const r = await updateInvoiceHeader(db, inv().id, patch)
    if (r.ok) {
      setErrors({})
      setSaved(true)
    } else setErrors('fields' in r.error ? r.error.fields : { form: r.error.message })
  }
  const numbers = useInvoiceNumbers()
  const states = createSyncStates('invoice')
  // Only an invoice QuickBooks does not hold yet (never sent, or refused) may change its number.
  const settings = createLive(() => getSettings(db))
  // Nor while QuickBooks numbers the company's invoices: none is sent, QuickBooks gives its own.
  const numberEditable = () => {
    if (inv().status !== 'finalized' || settings()?.quickBooksNumbers !== false) return false
    const s = states(inv().id, { version: inv().version })
    return s !== undefined && s.tone !== 'synced' && !(s.tone === 'pending' && s.label === 'Edited since the last sync')
  }
  const [number, setNumber] = createSignal(inv().number ?? '')
  const saveNumber = async () => {
    if (number().trim() === (inv().number ?? '')) return
    const r = await numbers.set(inv().id, number())
    if (r.ok) {
      setErrors({})
      setSaved(true)
    } else setErrors('fields' in r.error ? r.error.fields : { number: r.error.message })
  }
  const nextFree = async () => {
    const r = await numbers.useNextFree(inv().id)
    if (!r.ok) return setErrors('fields' in r.error ? r.error.fields : { number: r.error.message })
    setNumber(r.value.number ?? '')
    setErrors({})
    setSaved(true)
  }
  const [memo, setMemo] = createSignal(inv().memo ?? '')
  const [rate, setRate] = createSignal(String(inv().taxRateBps / 100))
  const saveRate = (text: string) => {
    setRate(text)
    const pct = Number(text.replace(',', '.'))
    if (text.trim() === '' || !Number.isFinite(pct)) return setErrors({ taxRateBps: 'Enter a tax rate like 8.25' })
    void save({ taxRateBps: Math.round(pct * 100) })
  }
  return (
    <div class="card stack">
      <InvoiceJobFields invoice={inv()} />
      <div class="grid-4">
        <Show when={numberEditable()}>
          <TextField
            label="Invoice number"
            value={number()}
            onValue={setNumber}
            onBlur={() => void saveNumber()}
            error={errors().number}
            hint="Until it is in QuickBooks"
          />
        </Show>
        <Show when={numberEditable() && errors().number}>
          <div class="field">
            <span class="field-label">Number taken?</span>
            <button type="button" class="btn" onClick={() => void nextFree()}>
              Use the next free number
            </button>
          </div>
        </Show>
        <Show
          when={draft()}
          fallback={
            <div class="field">
              <span class="field-label">Issued</span>
              <span>{fmt().date(inv().issueDate)}</span>
            </div>
          }
        >
          <TextField
            label="Issue date"
            type="date"
            value={inv().issueDate}
            onValue={(s) => void save({ issueDate: s })}
            error={errors().issueDate}
          />
        </Show>
        <Show
          when={inv().status !== 'void'}
          fallback={
            <div class="field">
              <span class="field-label">Due</span>
              <span>{fmt().date(inv().dueDate)}</span>
            </div>
          }
        >
          <TextField
            label="Due date"
            type="date"
            value={inv().dueDate}
            onValue={(s) => void save({ dueDate: s })}
            error={errors().dueDate}
          />
        </Show>
        <Show
          when={draft()}
          fallback={
            <div class="field">
              <span class="field-label">Tax rate</span>
              <span>{(inv().taxRateBps / 100).toLocaleString(fmt().locale)} %</span>
            </div>
          }
        >
          <TextField
            label="Tax rate (%)"
            inputmode="decimal"
            value={rate()}
            onValue={saveRate}
            error={errors().taxRateBps}
          />
        </Show>
        <Show
          when={inv().status !== 'void'}
          fallback={
            <Show when={inv().memo}>
              <div class="field">
                <span class="field-label">Memo</span>
                <span>{inv().memo}</span>
              </div>
            </Show>
          }
        >
          <TextField
            label="Memo"
            value={memo()}
            onValue={setMemo}
            onBlur={() => void save({ memo: blankToUndefined(memo()) })}
            error={errors().memo}
            placeholder="Shown on the invoice"
            {...(saved() ? { hint: 'Saved.' } : {})}
          />
        </Show>
      </div>
      <Show when={errors().form}>
        <div class="form-error" role="alert">
          {errors().form}
        </div>
      </Show>
    </div>
  )
}
