/** Adds a service address to a contact, inline on the contact page. */
import { Show } from 'solid-js'
import type { LocalId } from '#shared/domain/index.ts'
import { TextField } from '../../components/Field.tsx'
import { createProperty } from '../../db/properties.ts'
import { useDb } from '../../state/db.ts'
import { blankToUndefined, createForm } from '../../state/form.ts'

export function PropertyForm(props: { contactId: LocalId; onDone: () => void }) {
  const db = useDb()
  const form = createForm({ label: '', line1: '', city: '', region: '', postalCode: '' })
  const v = form.values
  const save = (e: Event) => {
    e.preventDefault()
    void form.run(async () => {
      const r = await createProperty(db, {
        contactId: props.contactId,
        label: blankToUndefined(v.label),
        address: { line1: v.line1, city: v.city, region: v.region, postalCode: v.postalCode },
      })
      if (!r.ok) return form.fail(r.error)
      props.onDone()
    })
  }
  const err = (k: string) => form.error(k) ?? form.error(`address.${k}`)
  return (
    <form class="stack" onSubmit={save} novalidate>
      <Show when={form.summary()}>
        <div class="form-error" role="alert">
          {form.summary()}
        </div>
      </Show>
      <TextField
        label="Label"
        value={v.label}
        onValue={(s) => form.set('label', s)}
        error={err('label')}
        hint="Like “Rental on Oak St”"
      />
      <TextField label="Street" value={v.line1} onValue={(s) => form.set('line1', s)} error={err('line1')} />
      <div class="grid-3">
        <TextField label="City" value={v.city} onValue={(s) => form.set('city', s)} error={err('city')} />
        <TextField label="State" value={v.region} onValue={(s) => form.set('region', s)} error={err('region')} />
        <TextField
          label="Postal code"
          value={v.postalCode}
          onValue={(s) => form.set('postalCode', s)}
          error={err('postalCode')}
        />
      </div>
      <div class="dialog-actions">
        <button type="button" class="btn" onClick={() => props.onDone()}>
          Cancel
        </button>
        <button type="submit" class="btn btn-primary-solid" disabled={form.busy()}>
          Save property
        </button>
      </div>
    </form>
  )
}
