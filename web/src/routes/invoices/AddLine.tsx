/** Adding a line to a draft: tap an item from the pricebook, or type a free-text line. */
import { createSignal, For, Show } from 'solid-js'
import type { LocalId } from '#shared/domain/index.ts'
import { parseMoney, parseQty } from '#shared/money.ts'
import { TextField } from '../../components/Field.tsx'
import { SearchBox } from '../../components/SearchBox.tsx'
import { addLine, addLineFromItem } from '../../db/invoices.ts'
import { listItems } from '../../db/items.ts'
import { useDb } from '../../state/db.ts'
import { createForm } from '../../state/form.ts'
import { useFormats } from '../../state/format.ts'
import { createLive } from '../../state/live.ts'

export function AddLine(props: { invoiceId: LocalId }) {
  const [mode, setMode] = createSignal<'closed' | 'pricebook' | 'free'>('closed')
  return (
    <div class="add-line">
      <Show when={mode() === 'closed'}>
        <div class="toolbar" style={{ 'margin-top': '12px' }}>
          <button type="button" class="btn" onClick={() => setMode('pricebook')}>
            Add from pricebook
          </button>
          <button type="button" class="btn" onClick={() => setMode('free')}>
            Add free-text line
          </button>
        </div>
      </Show>
      <Show when={mode() === 'pricebook'}>
        <PricebookPicker invoiceId={props.invoiceId} onDone={() => setMode('closed')} />
      </Show>
      <Show when={mode() === 'free'}>
        <FreeLine invoiceId={props.invoiceId} onDone={() => setMode('closed')} />
      </Show>
    </div>
  )
}

function PricebookPicker(props: { invoiceId: LocalId; onDone: () => void }) {
  const db = useDb()
  const fmt = useFormats()
  const [search, setSearch] = createSignal('')
  const [problem, setProblem] = createSignal<string>()
  const items = createLive(() => listItems(db, { search: search() }).then((r) => r.slice(0, 100)), search)
  const pick = async (itemId: LocalId) => {
    const r = await addLineFromItem(db, props.invoiceId, itemId)
    if (!r.ok) return setProblem(r.error.message)
    props.onDone()
  }
  return (
    <div class="stack" style={{ 'margin-top': '12px' }}>
      <div class="toolbar">
        <SearchBox
          label="Search the pricebook"
          placeholder="Search the pricebook"
          value={search()}
          onValue={setSearch}
        />
        <button type="button" class="btn" onClick={() => props.onDone()}>
          Close
        </button>
      </div>
      <Show when={problem()}>
        <div class="form-error" role="alert">
          {problem()}
        </div>
      </Show>
      <Show
        when={(items() ?? []).length > 0}
        fallback={
          <p class="muted">
            {search()
              ? 'No item matches.'
              : 'The pricebook is empty: add items under Pricebook, or type a free-text line.'}
          </p>
        }
      >
        <div class="picker" role="list" aria-label="Pricebook items">
          <For each={items()}>
            {(i) => (
              <button type="button" role="listitem" onClick={() => void pick(i.id)}>
                <span>
                  <strong>{i.name}</strong> <span class="muted">{i.sku ?? ''}</span>
                </span>
                <span class="num">{fmt().money(i.unitPrice)}</span>
              </button>
            )}
          </For>
        </div>
      </Show>
    </div>
  )
}

function FreeLine(props: { invoiceId: LocalId; onDone: () => void }) {
  const db = useDb()
  const fmt = useFormats()
  const form = createForm({ name: '', qty: '1', unitPrice: '' })
  const v = form.values
  const save = (e: Event) => {
    e.preventDefault()
    void form.run(async () => {
      const qty = parseQty(v.qty, fmt().locale)
      const price = parseMoney(v.unitPrice, fmt().locale)
      const fields: Record<string, string> = {}
      if (!qty.ok) fields.qty = qty.error.fields.qty ?? qty.error.message
      if (!price.ok) fields.unitPrice = price.error.fields.amount ?? price.error.message
      if (!qty.ok || !price.ok) return form.fail({ kind: 'validation', message: '', fields })
      const r = await addLine(db, props.invoiceId, { name: v.name, qty: qty.value, unitPrice: price.value })
      if (!r.ok) return form.fail(r.error)
      props.onDone()
    })
  }
  return (
    <form class="stack" style={{ 'margin-top': '12px' }} onSubmit={save} novalidate>
      <div class="grid-3" style={{ 'grid-template-columns': '2fr 1fr 1fr' }}>
        <TextField
          label="Line"
          value={v.name}
          onValue={(s) => form.set('name', s)}
          error={form.error('name')}
          placeholder="Like “Emergency call-out”"
        />
        <TextField
          label="Qty"
          inputmode="decimal"
          value={v.qty}
          onValue={(s) => form.set('qty', s)}
          error={form.error('qty')}
        />
        <TextField
          label="Unit price"
          inputmode="decimal"
          value={v.unitPrice}
          onValue={(s) => form.set('unitPrice', s)}
          error={form.error('unitPrice')}
          placeholder="0.00"
        />
      </div>
      <div class="dialog-actions" style={{ 'margin-top': 0 }}>
        <button type="button" class="btn" onClick={() => props.onDone()}>
          Cancel
        </button>
        <button type="submit" class="btn btn-primary-solid" disabled={form.busy()}>
          Add line
        </button>
      </div>
    </form>
  )
}
