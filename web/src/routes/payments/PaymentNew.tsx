/**
 * Recording a payment: the contact, the amount, how it was paid, and which of
 * their open invoices it pays (spread oldest first, adjustable per invoice).
 * Arriving from an invoice (?contact=…&invoice=…) fills in its balance.
 */
import { useNavigate, useSearchParams } from '@solidjs/router'
import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js'
import type { Invoice, LocalId, PaymentMethod } from '#shared/domain/index.ts'
import { parseMoney } from '#shared/money.ts'
import { SelectField, TextField } from '../../components/Field.tsx'
import { PageHeader } from '../../components/PageHeader.tsx'
import { listContacts } from '../../db/contacts.ts'
import { localDate } from '../../db/invoices.ts'
import { autoApply, openInvoicesForContact, recordPayment } from '../../db/payments.ts'
import { useDb } from '../../state/db.ts'
import { blankToUndefined, createForm } from '../../state/form.ts'
import { centsToInput, useFormats } from '../../state/format.ts'
import { createLive } from '../../state/live.ts'
import { localIdFrom } from '../../state/route-id.ts'
import { methods } from './methods.ts'

export default function PaymentNew() {
  const db = useDb()
  const fmt = useFormats()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const given = (k: string) => (typeof params[k] === 'string' ? (params[k] as string) : '')
  const form = createForm({
    contactId: given('contact'),
    amount: '',
    date: localDate(new Date()),
    method: 'check',
    reference: '',
    memo: '',
  })
  const v = form.values
  const contacts = createLive(() => listContacts(db))
  const open = createLive(
    () => {
      const contactId = localIdFrom(v.contactId)
      return contactId ? openInvoicesForContact(db, contactId) : Promise.resolve([] as Invoice[])
    },
    () => v.contactId,
  )
  // Per-invoice amounts as typed; refilled from the amount whenever the contact or amount changes.
  const [applied, setApplied] = createSignal<Record<string, string>>({})
  const amountCents = createMemo(() => {
    const r = parseMoney(v.amount, fmt().locale)
    return r.ok ? r.value : undefined
  })

  // From an invoice: pay its balance in full unless the user typed something else.
  createEffect(
    on(open, (rows) => {
      const inv = rows?.find((i) => i.id === given('invoice'))
      if (inv && v.amount === '') form.set('amount', centsToInput(inv.balance, fmt().locale))
    }),
  )
  createEffect(
    on([amountCents, open], ([cents, rows]) => {
      if (!rows) return
      const spread = autoApply(cents ?? 0, rows)
      setApplied(
        Object.fromEntries(
          rows.map((i) => [i.id, centsToInput(spread.find((a) => a.invoiceId === i.id)?.amount ?? 0, fmt().locale)]),
        ),
      )
    }),
  )

  const save = (e: Event) => {
    e.preventDefault()
    void form.run(async () => {
      if (!v.contactId) return form.fail({ kind: 'validation', message: '', fields: { contactId: 'Pick who paid' } })
      const amount = parseMoney(v.amount, fmt().locale)
      if (!amount.ok || v.amount.trim() === '')
        return form.fail({
          kind: 'validation',
          message: '',
          fields: {
            amount: amount.ok ? 'Enter the amount received' : (amount.error.fields.amount ?? amount.error.message),
          },
        })
      const applications: { invoiceId: LocalId; amount: number }[] = []
      const fields: Record<string, string> = {}
      for (const inv of open() ?? []) {
        const typed = applied()[inv.id] ?? ''
        const r = parseMoney(typed || '0', fmt().locale)
        if (!r.ok) fields[`applications.${applications.length}.amount`] = r.error.fields.amount ?? r.error.message
        else if (r.value > 0) applications.push({ invoiceId: inv.id, amount: r.value })
      }
      if (Object.keys(fields).length) return form.fail({ kind: 'validation', message: '', fields })
      const r = await recordPayment(db, {
        contactId: v.contactId,
        amount: amount.value,
        date: v.date,
        method: v.method as PaymentMethod,
        reference: blankToUndefined(v.reference),
        memo: blankToUndefined(v.memo),
        applications,
      })
      if (!r.ok) return form.fail(r.error)
      navigate(given('invoice') ? `/invoices/${given('invoice')}` : '/payments')
    })
  }
  // Errors on applications come back by position in the submitted list; show them on the right invoice row.
  const applicationError = (invoiceId: string) => {
    const submitted = (open() ?? []).filter(
      (i) => (parseMoney(applied()[i.id] || '0', fmt().locale) as { value?: number }).value,
    )
    const at = submitted.findIndex((i) => i.id === invoiceId)
    return at >= 0 ? form.error(`applications.${at}.amount`) : undefined
  }
  const totalApplied = createMemo(() =>
    (open() ?? []).reduce((s, i) => {
      const r = parseMoney(applied()[i.id] || '0', fmt().locale)
      return s + (r.ok ? r.value : 0)
    }, 0),
  )

  return (
    <form class="stack" onSubmit={save} novalidate>
      <PageHeader
        title="Record payment"
        back={
          given('invoice')
            ? { href: `/invoices/${given('invoice')}`, label: 'Invoice' }
            : { href: '/payments', label: 'Payments' }
        }
      />
      <Show when={form.summary()}>
        <div class="form-error" role="alert">
          {form.summary()}
        </div>
      </Show>
      <div class="card">
        <div class="grid-3">
          <SelectField
            class="span-2"
            label="Received from"
            value={v.contactId}
            onValue={(s) => form.set('contactId', s)}
            error={form.error('contactId')}
            placeholder="Pick a contact"
            choices={(contacts() ?? []).map((c) => ({ value: c.id, label: c.displayName }))}
          />
          <TextField
            label={`Amount (${fmt().currency})`}
            inputmode="decimal"
            value={v.amount}
            onValue={(s) => form.set('amount', s)}
            error={form.error('amount')}
            placeholder="0.00"
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
        </div>
      </div>
      <div class="card">
        <h3>Apply to invoices</h3>
        <Show when={v.contactId} fallback={<p class="muted">Pick a contact to see their open invoices.</p>}>
          <Show
            when={(open() ?? []).length > 0}
            fallback={<p class="muted">This contact has no open invoices. The payment is kept as a credit.</p>}
          >
            <table class="lines" aria-label="Open invoices">
              <thead>
                <tr>
                  <th>Invoice</th>
                  <th>Due</th>
                  <th class="num">Balance</th>
                  <th class="price">Apply</th>
                </tr>
              </thead>
              <tbody>
                <For each={open()}>
                  {(inv) => (
                    <tr>
                      <td>#{inv.number}</td>
                      <td>{fmt().date(inv.dueDate)}</td>
                      <td class="num">{fmt().money(inv.balance)}</td>
                      <td class="price">
                        <input
                          inputmode="decimal"
                          aria-label={`Apply to invoice ${inv.number}`}
                          value={applied()[inv.id] ?? ''}
                          onInput={(e) => setApplied({ ...applied(), [inv.id]: e.currentTarget.value })}
                          aria-invalid={applicationError(inv.id) ? 'true' : undefined}
                        />
                        <Show when={applicationError(inv.id)}>
                          <div class="cell-error" role="alert">
                            {applicationError(inv.id)}
                          </div>
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <p class="muted">
              Applied {fmt().money(totalApplied())}
              {amountCents() !== undefined && amountCents()! > totalApplied()
                ? `; ${fmt().money(amountCents()! - totalApplied())} stays as a credit, to apply later from the payment`
                : ''}
              .
            </p>
            <Show when={form.error('applications')}>
              <div class="field-error" role="alert">
                {form.error('applications')}
              </div>
            </Show>
          </Show>
        </Show>
      </div>
      <div class="form-actions">
        <button type="button" class="btn" onClick={() => history.back()}>
          Cancel
        </button>
        <button type="submit" class="btn btn-primary-solid" disabled={form.busy()}>
          Save payment
        </button>
      </div>
    </form>
  )
}
