/**
 * One invoice line. On a draft, quantity and price are inputs: each valid
 * keystroke is saved and the totals below follow at once; an invalid entry
 * shows why under the field and is not saved.
 */
import { createMemo, createSignal, Show } from 'solid-js'
import type { Invoice } from '#shared/domain/index.ts'
import { parseMoney, parseQty } from '#shared/money.ts'
import { removeLine, updateLine } from '../../db/invoices.ts'
import { useDb } from '../../state/db.ts'
import { centsToInput, useFormats } from '../../state/format.ts'

export function LineRow(props: { invoice: Invoice; lineId: string }) {
  const db = useDb()
  const fmt = useFormats()
  const line = createMemo(() => props.invoice.lines.find((l) => l.id === props.lineId))
  const draft = () => props.invoice.status === 'draft'
  const initial = line()
  const [qty, setQty] = createSignal(initial ? fmt().qty(initial.qty) : '')
  const [price, setPrice] = createSignal(initial ? centsToInput(initial.unitPrice, fmt().locale) : '')
  const [qtyError, setQtyError] = createSignal<string>()
  const [priceError, setPriceError] = createSignal<string>()

  const saveQty = async (text: string) => {
    setQty(text)
    const r = parseQty(text, fmt().locale)
    if (!r.ok) return setQtyError(r.error.fields.qty ?? r.error.message)
    const saved = await updateLine(db, props.invoice.id, props.lineId, { qty: r.value })
    setQtyError(
      saved.ok ? undefined : (('fields' in saved.error ? saved.error.fields.qty : undefined) ?? saved.error.message),
    )
  }
  const savePrice = async (text: string) => {
    setPrice(text)
    const r = parseMoney(text, fmt().locale)
    if (!r.ok) return setPriceError(r.error.fields.amount ?? r.error.message)
    const saved = await updateLine(db, props.invoice.id, props.lineId, { unitPrice: r.value })
    setPriceError(
      saved.ok
        ? undefined
        : (('fields' in saved.error ? saved.error.fields.unitPrice : undefined) ?? saved.error.message),
    )
  }

  return (
    <Show when={line()}>
      {(l) => (
        <tr data-line={l().id}>
          <td>
            <div class="primary">{l().name}</div>
            <Show when={l().description}>
              <div class="muted" style={{ 'font-size': '0.9rem' }}>
                {l().description}
              </div>
            </Show>
          </td>
          <td class="qty">
            <Show when={draft()} fallback={<span class="num">{fmt().qty(l().qty)}</span>}>
              <input
                inputmode="decimal"
                aria-label={`Quantity of ${l().name}`}
                value={qty()}
                onInput={(e) => void saveQty(e.currentTarget.value)}
                aria-invalid={qtyError() ? 'true' : undefined}
              />
              <Show when={qtyError()}>
                <div class="cell-error" role="alert">
                  {qtyError()}
                </div>
              </Show>
            </Show>
          </td>
          <td class="price">
            <Show when={draft()} fallback={<span class="num">{fmt().money(l().unitPrice)}</span>}>
              <input
                inputmode="decimal"
                aria-label={`Unit price of ${l().name}`}
                value={price()}
                onInput={(e) => void savePrice(e.currentTarget.value)}
                aria-invalid={priceError() ? 'true' : undefined}
              />
              <Show when={priceError()}>
                <div class="cell-error" role="alert">
                  {priceError()}
                </div>
              </Show>
            </Show>
          </td>
          <td class="num">
            {fmt().money(l().amount)}
            {l().taxable ? ' T' : ''}
          </td>
          <Show when={draft()}>
            <td>
              <button
                type="button"
                class="btn btn-quiet"
                aria-label={`Remove ${l().name}`}
                onClick={() => void removeLine(db, props.invoice.id, props.lineId)}
              >
                ✕
              </button>
            </td>
          </Show>
        </tr>
      )}
    </Show>
  )
}
