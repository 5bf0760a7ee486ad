/**
 * Which invoices a payment pays, changed after it was recorded: a credit applied later, a payment spread over
 * several invoices, or money moved from one invoice to another. Each row offers at most the invoice's balance
 * plus what this payment already has on it; what is left stays on the payment as a credit.
 */
import { createMemo, createSignal, For, Show } from 'solid-js'
import type { LocalId, Payment } from '#shared/domain/index.ts'
import { parseMoney } from '#shared/money.ts'
import { applyChoices, editPayment } from '../../db/payments.ts'
import { useDb } from '../../state/db.ts'
import { centsToInput, useFormats } from '../../state/format.ts'
import { createLive } from '../../state/live.ts'

export function PaymentApply(props: { payment: Payment; inQuickBooks: boolean; onDone: () => void }) {
  const db = useDb()
  const fmt = useFormats()
  const p = props.payment
  const choices = createLive(() => applyChoices(db, p), undefined, ['invoices'])
  const [typed, setTyped] = createSignal<Record<string, string>>({})
  const [problem, setProblem] = createSignal<string>()
  const [busy, setBusy] = createSignal(false)
  const valueOf = (id: string, applied: number) =>
    typed()[id] ?? (applied > 0 ? centsToInput(applied, fmt().locale) : '')
  const cents = (s: string) => {
    const r = parseMoney(s.trim() === '' ? '0' : s, fmt().locale)
    return r.ok ? r.value : undefined
  }
  const total = createMemo(() =>
    (choices() ?? []).reduce((s, c) => s + (cents(valueOf(c.invoice.id, c.applied)) ?? 0), 0),
  )
  const left = () => p.amount - total()
  // Oldest first, as QuickBooks' receive-payment screen suggests.
  const fillOldest = () => {
    let rest = p.amount
    const next: Record<string, string> = {}
    for (const c of choices() ?? []) {
      const take = Math.max(0, Math.min(rest, c.room))
      next[c.invoice.id] = take > 0 ? centsToInput(take, fmt().locale) : ''
      rest -= take
    }
    setTyped(next)
  }
  const clearAll = () => setTyped(Object.fromEntries((choices() ?? []).map((c) => [c.invoice.id, ''])))
  const rowError = (id: string, applied: number, room: number) => {
    const v = cents(valueOf(id, applied))
    if (v === undefined) return 'Enter an amount like 120.00'
    if (v > room) return `At most ${fmt().money(room)}`
    return undefined
  }
  const save = async () => {
    if (busy()) return
    setProblem(undefined)
    const rows = choices() ?? []
    if (rows.some((c) => rowError(c.invoice.id, c.applied, c.room))) return setProblem('Fix the amounts marked below.')
    if (left() < 0) return setProblem(`That is ${fmt().money(-left())} more than the payment.`)
    const applications = rows
      .map((c) => ({ invoiceId: c.invoice.id as LocalId, amount: cents(valueOf(c.invoice.id, c.applied)) ?? 0 }))
      .filter((a) => a.amount > 0)
    setBusy(true)
    const r = await editPayment(db, p.id, { applications })
    setBusy(false)
    if (!r.ok) return setProblem(r.error.message)
    props.onDone()
  }
  return (
    <div class="stack" role="form" aria-label="Apply payment to invoices">
      <Show when={problem()}>
        <div class="form-error" role="alert">
          {problem()}
        </div>
      </Show>
      <div class="card">
        <h3>Apply {fmt().money(p.amount)} to invoices</h3>
        <Show
          when={(choices() ?? []).length > 0}
          fallback={
            <p class="muted">
              {choices() ? 'This contact has no open invoices. The payment stays as a credit.' : 'Loading invoices…'}
            </p>
          }
        >
          <div class="toolbar">
            <button type="button" class="btn" onClick={fillOldest}>
              Fill oldest first
            </button>
            <button type="button" class="btn" onClick={clearAll}>
              Clear all
            </button>
          </div>
          <table class="lines" aria-label="Invoices this payment can pay">
            <thead>
              <tr>
                <th>Invoice</th>
                <th>Due</th>
                <th class="num">Open</th>
                <th class="price">Apply</th>
              </tr>
            </thead>
            <tbody>
              <For each={choices()}>
                {(c) => (
                  <tr>
                    <td>#{c.invoice.number}</td>
                    <td>{fmt().date(c.invoice.dueDate)}</td>
                    <td class="num">{fmt().money(c.room)}</td>
                    <td class="price">
                      <input
                        inputmode="decimal"
                        aria-label={`Apply to invoice ${c.invoice.number}`}
                        placeholder="0.00"
                        value={valueOf(c.invoice.id, c.applied)}
                        onInput={(e) => setTyped({ ...typed(), [c.invoice.id]: e.currentTarget.value })}
                        aria-invalid={rowError(c.invoice.id, c.applied, c.room) ? 'true' : undefined}
                      />
                      <Show when={rowError(c.invoice.id, c.applied, c.room)}>
                        {(m) => (
                          <div class="cell-error" role="alert">
                            {m()}
                          </div>
                        )}
                      </Show>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
        <p class="apply-total" data-testid="apply-left">
          Applied <strong>{fmt().money(total())}</strong>
          {left() > 0 ? (
            <>
              {' '}
              · <strong>{fmt().money(left())}</strong> stays as a credit
            </>
          ) : left() < 0 ? (
            <>
              {' '}
              · <strong style={{ color: 'var(--danger)' }}>{fmt().money(-left())} more than the payment</strong>
            </>
          ) : (
            ' · all of it'
          )}
        </p>
        <p class="muted">
          {props.inQuickBooks
            ? 'The payment in QuickBooks is changed to match on the next sync, and the invoices’ balances there follow.'
            : 'The payment goes to QuickBooks applied this way on the next sync.'}
        </p>
      </div>
      <div class="form-actions">
        <button type="button" class="btn" onClick={() => props.onDone()}>
          Cancel
        </button>
        <button type="button" class="btn btn-primary-solid" disabled={busy()} onClick={() => void save()}>
          Save
        </button>
      </div>
    </div>
  )
}
