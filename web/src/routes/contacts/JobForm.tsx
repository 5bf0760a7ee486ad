/** Adds or edits one of a contact's jobs, inline on the contact page: its name, number, property and status. */
import { Show } from 'solid-js'
import { formatAddress } from '#shared/domain/index.ts'
import type { Job, LocalId, Property } from '#shared/domain/index.ts'
import { SelectField, TextField } from '../../components/Field.tsx'
import { createJob, updateJob } from '../../db/jobs.ts'
import { useDb } from '../../state/db.ts'
import { blankToUndefined, createForm } from '../../state/form.ts'

const STATUSES = [
  { value: 'open', label: 'Open' },
  { value: 'done', label: 'Done' },
  { value: 'cancelled', label: 'Cancelled' },
]

export function JobForm(props: {
  contactId: LocalId
  properties: readonly Property[]
  job?: Job | undefined
  onDone: () => void
}) {
  const db = useDb()
  const form = createForm({
    name: props.job?.name ?? '',
    number: props.job?.number ?? '',
    propertyId: props.job?.propertyId ?? '',
    status: props.job?.status ?? 'open',
  })
  const v = form.values
  const save = (e: Event) => {
    e.preventDefault()
    void form.run(async () => {
      const fields = {
        name: v.name,
        number: blankToUndefined(v.number),
        propertyId: (blankToUndefined(v.propertyId) as LocalId | undefined) ?? undefined,
        status: v.status,
      }
      const r = props.job
        ? await updateJob(db, props.job.id, fields)
        : await createJob(db, { contactId: props.contactId, ...fields })
      if (!r.ok) return form.fail(r.error)
      props.onDone()
    })
  }
  return (
    <form class="stack" onSubmit={save} novalidate aria-label={props.job ? `Edit ${props.job.name}` : 'New job'}>
      <Show when={form.summary()}>
        <div class="form-error" role="alert">
          {form.summary()}
        </div>
      </Show>
      <div class="grid-3">
        <TextField
          label="Job name"
          value={v.name}
          onValue={(s) => form.set('name', s)}
          error={form.error('name')}
          hint="Like “Kitchen remodel”"
        />
        <TextField
          label="Job number"
          value={v.number}
          onValue={(s) => form.set('number', s)}
          error={form.error('number')}
          hint="Optional"
        />
        <Show when={props.job}>
          <SelectField
            label="Status"
            value={v.status}
            onValue={(s) => form.set('status', s as Job['status'])}
            choices={STATUSES}
          />
        </Show>
      </div>
      <SelectField
        label="Property"
        value={v.propertyId}
        onValue={(s) => form.set('propertyId', s)}
        choices={props.properties.map((p) => ({
          value: p.id,
          label: [p.label, formatAddress(p.address)].filter(Boolean).join(' — '),
        }))}
        placeholder={props.properties.length ? 'No property' : 'Add a property to the contact first'}
        error={form.error('propertyId')}
        hint="Where the work is done: it goes on the job’s invoices as the service address"
      />
      <div class="dialog-actions">
        <button type="button" class="btn" onClick={() => props.onDone()}>
          Cancel
        </button>
        <button type="submit" class="btn btn-primary-solid" disabled={form.busy()}>
          {props.job ? 'Save job' : 'Add job'}
        </button>
      </div>
    </form>
  )
}
