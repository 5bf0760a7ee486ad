/**
 * Which job and property an invoice is for. Chosen while it is a draft (a job brings its property, which goes to
 * QuickBooks as the service address); shown, not editable, once finalized.
 */
import { createSignal, Show } from 'solid-js'
import { formatAddress } from '#shared/domain/index.ts'
import type { Invoice, LocalId } from '#shared/domain/index.ts'
import { SelectField } from '../../components/Field.tsx'
import { updateInvoiceHeader } from '../../db/invoices.ts'
import { listJobsForContact } from '../../db/jobs.ts'
import { listPropertiesForContact } from '../../db/properties.ts'
import { useDb } from '../../state/db.ts'
import { createLive } from '../../state/live.ts'

export function InvoiceJobFields(props: { invoice: Invoice }) {
  const db = useDb()
  const inv = () => props.invoice
  const contactId = () => inv().contactId
  const jobs = createLive(() => listJobsForContact(db, contactId()), contactId)
  const properties = createLive(() => listPropertiesForContact(db, contactId()), contactId)
  const [errors, setErrors] = createSignal<Record<string, string>>({})
  const save = async (patch: { jobId?: LocalId | undefined; propertyId?: LocalId | undefined }) => {
    const r = await updateInvoiceHeader(db, inv().id, patch)
    setErrors(r.ok ? {} : 'fields' in r.error ? r.error.fields : { jobId: r.error.message })
  }
  const jobName = () => {
    const j = (jobs() ?? []).find((x) => x.id === inv().jobId)
    return j ? `${j.number ? `${j.number} · ` : ''}${j.name}` : undefined
  }
  const jobChoices = () =>
    (jobs() ?? [])
      .filter((j) => j.status !== 'cancelled' || j.id === inv().jobId)
      .map((j) => ({ value: j.id, label: `${j.number ? `${j.number} · ` : ''}${j.name}` }))
  const propertyChoices = () =>
    (properties() ?? []).map((p) => ({
      value: p.id,
      label: [p.label, formatAddress(p.address)].filter(Boolean).join(' — '),
    }))
  const jobProperty = () => (jobs() ?? []).find((x) => x.id === inv().jobId)?.propertyId
  return (
    <div class="grid-3" data-testid="invoice-job">
      <Show
        when={inv().status === 'draft'}
        fallback={
          <div class="field">
            <span class="field-label">Job</span>
            <span>{jobName() ?? 'None'}</span>
          </div>
        }
      >
        <SelectField
          label="Job"
          value={inv().jobId ?? ''}
          onValue={(v) => void save({ jobId: v === '' ? undefined : (v as LocalId) })}
          choices={jobChoices()}
          placeholder={jobChoices().length ? 'No job' : 'No jobs for this contact yet'}
          error={errors().jobId}
        />
        <Show when={!jobProperty()}>
          <SelectField
            label="Property"
            value={inv().propertyId ?? ''}
            onValue={(v) => void save({ propertyId: v === '' ? undefined : (v as LocalId) })}
            choices={propertyChoices()}
            placeholder={
              propertyChoices().length === 1
                ? 'The contact’s property'
                : propertyChoices().length
                  ? 'No property'
                  : 'No properties for this contact yet'
            }
            error={errors().propertyId}
          />
        </Show>
      </Show>
      <div class="field">
        <span class="field-label">Service address</span>
        <span data-testid="ship-to">{formatAddress(inv().shipAddress) || 'None'}</span>
      </div>
    </div>
  )
}
