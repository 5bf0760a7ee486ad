/**
 * The invoice's discount, percent or amount, set while it is a draft. A discount that came from QuickBooks shows
 * as the current one; setting one here replaces it (an invoice has one discount, never two).
 */
import { createSignal, Show } from 'solid-js'
import type { Invoice } from '#shared/domain/index.ts'
import type { InvoiceDiscount } from '#shared/domain/invoice.ts'
import { discountCents, hasDiscount } from '#shared/domain/totals.ts'
import { parseMoney } from '#shared/money.ts'
import { SelectField, TextField } from '../../components/Field.tsx'
import { updateInvoiceHeader } from '../../db/invoices.ts'
import { useDb } from '../../state/db.ts'
import { useFormats } from '../../state/format.ts'

type Kind = 'none' | InvoiceDiscount['kind']

const KINDS = [
  { value: 'none', label: 'No discount' },
  { value: 'percent', label: 'Percent off' },
  { value: 'amount', label: 'Amount off' },
]

export function DiscountField(props: { invoice: Invoice }) {
  const db = useDb()
  const fmt = useFormats()
  const inv = () => props.invoice
  const d = inv().discount
  const [kind, setKind] = createSignal<Kind>(d?.kind ?? 'none')
  const [text, setText] = createSignal(
    d === undefined ? '' : d.kind === 'percent' ? String(d.bps / 100) : (d.cents / 100).toFixed(2),
  )
  const [error, setError] = createSignal<string>()
  const save = async (discount: InvoiceDiscount | undefined) => {
    const r = await updateInvoiceHeader(db, inv().id, { discount })
    setError(r.ok ? undefined : 'fields' in r.error ? Object.values(r.error.fields)[0] : r.error.message)
  }
  const apply = (k: Kind, t: string) => {
    if (k === 'none') return void save(undefined)
    if (t.trim() === '') return setError(k === 'percent' ? 'Enter a percent like 10' : 'Enter an amount like 25.00')
    if (k === 'percent') {
      const pct = Number(t.replace(',', '.').replace('%', '').trim())
      if (!Number.isFinite(pct) || pct <= 0 || pct > 100) return setError('Enter a percent between 0 and 100')
      return void save({ kind: 'percent', bps: Math.round(pct * 100) })
    }
    const cents = parseMoney(t, fmt().locale)
    if (!cents.ok || cents.value <= 0) return setError('Enter an amount like 25.00')
    return void save({ kind: 'amount', cents: cents.value })
  }
  const kept = () => inv().discount === undefined && hasDiscount(inv())
  const linesSum = () => inv().lines.reduce((s, l) => s + l.amount, 0)
  return (
    <div class="stack" data-testid="discount" style={{ 'margin-top': '16px' }}>
      <Show when={kept()}>
        <p class="muted">
          From QuickBooks: {fmt().money(discountCents(inv(), linesSum()))} off. A discount set here replaces it.
        </p>
      </Show>
      <div class="grid-3">
        <SelectField
          label="Discount"
          value={kind()}
          onValue={(v) => {
            setKind(v as Kind)
            setError(undefined)
            if (v === 'none' || text().trim() !== '') apply(v as Kind, text())
          }}
          choices={KINDS}
        />
        <Show when={kind() !== 'none'}>
          <TextField
            label={kind() === 'percent' ? 'Percent off' : 'Amount off'}
            inputmode="decimal"
            value={text()}
            onValue={setText}
            onBlur={() => apply(kind(), text())}
            onKeyDown={(e) => e.key === 'Enter' && apply(kind(), text())}
            error={error()}
          />
        </Show>
      </div>
    </div>
  )
}
