/** Create or edit a pricebook item. The price is typed in the user's own number format. */
import { useNavigate, useParams } from '@solidjs/router'
import { createResource, createSignal, Show } from 'solid-js'
import type { Item } from '#shared/domain/index.ts'
import { parseMoney } from '#shared/money.ts'
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx'
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/Field.tsx'
import { PageHeader } from '../../components/PageHeader.tsx'
import { createItem, deleteItem, getItem, updateItem } from '../../db/items.ts'
import { useDb } from '../../state/db.ts'
import { blankToUndefined, createForm } from '../../state/form.ts'
import { localIdFrom } from '../../state/route-id.ts'
import { centsToInput, useFormats } from '../../state/format.ts'

export default function ItemEdit() {
  const params = useParams()
  // No param: a new record. A param that is not a local id: a record that cannot exist, shown as not found.
  const id = () => params.id
  const db = useDb()
  const [existing] = createResource(id, (raw) => {
    const i = localIdFrom(raw)
    return i ? getItem(db, i) : undefined
  })
  return (
    <Show when={!id() || existing.state === 'ready'} fallback={<p class="loading">Loading item…</p>}>
      <Show when={!id() || existing()} fallback={<p class="form-error">This item no longer exists on this tablet.</p>}>
        <ItemForm item={existing()} />
      </Show>
    </Show>
  )
}

function ItemForm(props: { item: Item | undefined }) {
  const db = useDb()
  const fmt = useFormats()
  const navigate = useNavigate()
  const editing = props.item
  const form = createForm({
    name: editing?.name ?? '',
    description: editing?.description ?? '',
    type: editing?.type ?? 'service',
    unitPrice: editing ? centsToInput(editing.unitPrice, fmt().locale) : '',
    sku: editing?.sku ?? '',
    taxable: editing?.taxable ?? false,
    active: editing?.active ?? true,
  })
  const v = form.values
  const [confirmDelete, setConfirmDelete] = createSignal(false)

  const save = (e: Event) => {
    e.preventDefault()
    void form.run(async () => {
      const price =
        v.unitPrice.trim() === ''
          ? {
              ok: false as const,
              error: { kind: 'validation' as const, message: '', fields: { amount: 'Enter a price, like 85.00' } },
            }
          : parseMoney(v.unitPrice, fmt().locale)
      if (!price.ok)
        return form.fail({ ...price.error, fields: { unitPrice: price.error.fields.amount ?? price.error.message } })
      const input = {
        name: v.name,
        description: blankToUndefined(v.description),
        type: v.type as Item['type'],
        unitPrice: price.value,
        sku: blankToUndefined(v.sku),
        taxable: v.taxable,
        active: v.active,
      }
      const r = editing ? await updateItem(db, editing.id, input) : await createItem(db, input)
      if (!r.ok) return form.fail(r.error)
      navigate('/pricebook')
    })
  }
  const remove = async () => {
    setConfirmDelete(false)
    if (!editing) return
    const r = await deleteItem(db, editing.id)
    if (!r.ok) return form.fail(r.error)
    navigate('/pricebook', { replace: true })
  }
  return (
    <form class="stack" onSubmit={save} novalidate>
      <PageHeader
        title={editing ? `Edit ${editing.name}` : 'New item'}
        back={{ href: '/pricebook', label: 'Pricebook' }}
      />
      <Show when={form.summary()}>
        <div class="form-error" role="alert">
          {form.summary()}
        </div>
      </Show>
      <div class="card">
        <div class="grid-2">
          <TextField
            class="span-2"
            label="Name"
            value={v.name}
            onValue={(s) => form.set('name', s)}
            error={form.error('name')}
            hint="Unique in QuickBooks, up to 100 characters."
          />
          <TextField
            label={`Unit price (${fmt().currency})`}
            inputmode="decimal"
            value={v.unitPrice}
            onValue={(s) => form.set('unitPrice', s)}
            error={form.error('unitPrice')}
            placeholder="0.00"
          />
          <SelectField
            label="Type"
            value={v.type}
            onValue={(s) => form.set('type', s as Item['type'])}
            choices={[
              { value: 'service', label: 'Service (labour, visits)' },
              { value: 'product', label: 'Product (parts, materials)' },
            ]}
          />
          <TextField
            label="SKU"
            value={v.sku}
            onValue={(s) => form.set('sku', s)}
            error={form.error('sku')}
            hint="Optional part number."
          />
          <div class="field">
            <CheckboxField label="Taxable" checked={v.taxable} onChecked={(b) => form.set('taxable', b)} />
            <CheckboxField label="Active" checked={v.active} onChecked={(b) => form.set('active', b)} />
          </div>
          <TextAreaField
            class="span-2"
            label="Description"
            value={v.description}
            onValue={(s) => form.set('description', s)}
            error={form.error('description')}
            hint="Printed on invoice lines."
          />
        </div>
      </div>
      <div class="form-actions">
        <Show when={editing}>
          <button
            type="button"
            class="btn btn-danger-outline"
            style={{ 'margin-right': 'auto' }}
            onClick={() => setConfirmDelete(true)}
          >
            Delete item
          </button>
        </Show>
        <button type="button" class="btn" onClick={() => navigate('/pricebook')}>
          Cancel
        </button>
        <button type="submit" class="btn btn-primary-solid" disabled={form.busy()}>
          {editing ? 'Save changes' : 'Save item'}
        </button>
      </div>
      <ConfirmDialog
        open={confirmDelete()}
        title={`Delete ${editing?.name ?? 'item'}?`}
        confirmLabel="Delete item"
        danger
        onConfirm={() => void remove()}
        onCancel={() => setConfirmDelete(false)}
      >
        <p>
          The item leaves your pricebook. Invoices that already use it keep their lines. In QuickBooks it is made
          inactive.
        </p>
      </ConfirmDialog>
    </form>
  )
}
