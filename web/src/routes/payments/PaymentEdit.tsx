/**
 * Fixing what was received: the amount, date, method, reference and memo of a payment. Once it is in QuickBooks
 * the change goes there as an update on the next sync. An amount below what the payment pays on its invoices is
 * refused: lower those first on the apply screen.
 */
import { Show } from 'solid-js'
import type { Payment, PaymentMethod } from '#shared/domain/index.ts'
import { parseMoney } from '#shared/money.ts'
import { SelectField, TextAreaField, TextField } from '../../components/Field.tsx'
import { editPayment } from '../../db/payments.ts'
import { useDb } from '../../state/db.ts'
import { blankToUndefined, createForm } from '../../state/form.ts'
import { centsToInput, useFormats } from '../../state/format.ts'
import { methods } from './methods.ts'

export function PaymentEdit(props: { payment: Payment; inQuickBooks: boolean; onDone: () => void }) {
  const db = useDb()
  const fmt = useFormats()
  const p = props.payment
  const form = createForm({
    amount: centsToInput(p.amount, fmt().locale),
    date: p.date,
    method: p.method as string,
    reference: p.reference ?? '',
    memo: p.memo ?? '',
  })
  const v = form.values
  const save = (e: Event) => {
    e.preventDefault()
    void form.run(async () => {
      const amount = parseMoney(v.amount, fmt().locale)
      if (!amount.ok || v.amount.trim() === '') {
        const message = amount.ok ? 'Enter the amount received' : (amount.error.fields.amount ?? amount.error.message)
        return form.fail({ kind: 'validation', message, fields: { amount: message } })
      }
      const r = await editPayment(db, p.id, {
        amount: amount.value,
        date: v.date,
        method: v.method as PaymentMethod,
        reference: blankToUndefined(v.reference),
        memo: blankToUndefined(v.memo),
      })
      if (!r.ok) {
        // The amount is checked against what is applied: say which field to fix.
        const applied = 'fields' in r.error && r.error.fields['applications']
        return form.fail(applied ? { ...r.error, fields: { amount: applied } } : r.error)
      }
      props.onDone()
    })
  }
  return (
    <form class="stack" onSubmit={save} novalidate aria-label="Edit payment">
      <Show when={form.summary()}>
        <div class="form-error" role="alert">
          {form.summary()}
        </div>
      </Show>
      <div class="card">
        <h3>Edit payment</h3>
        <div class="grid-3">
          <TextField
            label={`Amount (${fmt().currency})`}
            inputmode="decimal"
            value={v.amount}
            onValue={(s) => form.set('amount', s)}
            error={form.error('amount')}
          />
          <TextField
            label="Date"
            type="date"
            value={v.date}
            onValue={(s) => form.set('date', s)}
            error={form.error('date')}
          />
          <SelectField label="Method" value={v.method} onValue={(s) => form.set('method', s)} choices={methods} />
          <TextField
            label="Reference"
            value={v.reference}
            onValue={(s) => form.set('reference', s)}
            error={form.error('reference')}
            hint="Check number or card reference."
          />
          <TextAreaField
            class="span-2"
            label="Memo"
            value={v.memo}
            onValue={(s) => form.set('memo', s)}
            error={form.error('memo')}
          />
        </div>
        <p class="muted">
          {props.inQuickBooks
            ? 'This payment is in QuickBooks: your changes are sent there on the next sync.'
            : 'This payment is not in QuickBooks yet: it is sent with these details on the next sync.'}
        </p>
      </div>
      <div class="form-actions">
        <button type="button" class="btn" onClick={() => props.onDone()}>
          Cancel
        </button>
        <button type="submit" class="btn btn-primary-solid" disabled={form.busy()}>
          Save changes
        </button>
      </div>
    </form>
  )
}
