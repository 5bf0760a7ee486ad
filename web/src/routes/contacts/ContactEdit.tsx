/** Create or edit a contact. Validation comes from the repository and is shown next to each field. */
import { useNavigate, useParams } from '@solidjs/router'
import { createResource, Show } from 'solid-js'
import type { Contact, ContactInput } from '#shared/domain/index.ts'
import { CheckboxField, TextAreaField, TextField } from '../../components/Field.tsx'
import { PageHeader } from '../../components/PageHeader.tsx'
import { createContact, getContact, updateContact } from '../../db/contacts.ts'
import { useDb } from '../../state/db.ts'
import { blankToUndefined, createForm } from '../../state/form.ts'
import { localIdFrom } from '../../state/route-id.ts'

function initialValues(c: Contact | undefined) {
  const a = c?.billingAddress
  return {
    givenName: c?.givenName ?? '',
    familyName: c?.familyName ?? '',
    companyName: c?.companyName ?? '',
    displayName: c?.displayName ?? '',
    email: c?.email ?? '',
    phone: c?.phone ?? '',
    line1: a?.line1 ?? '',
    line2: a?.line2 ?? '',
    city: a?.city ?? '',
    region: a?.region ?? '',
    postalCode: a?.postalCode ?? '',
    country: a?.country ?? '',
    notes: c?.notes ?? '',
    active: c?.active ?? true,
  }
}
type Values = ReturnType<typeof initialValues>

function toInput(v: Values): ContactInput {
  const address = {
    line1: v.line1,
    line2: v.line2,
    city: v.city,
    region: v.region,
    postalCode: v.postalCode,
    country: v.country,
  }
  const hasAddress = Object.values(address).some((s) => s.trim() !== '')
  return {
    givenName: blankToUndefined(v.givenName),
    familyName: blankToUndefined(v.familyName),
    companyName: blankToUndefined(v.companyName),
    displayName: blankToUndefined(v.displayName),
    email: blankToUndefined(v.email),
    phone: blankToUndefined(v.phone),
    billingAddress: hasAddress ? address : undefined,
    notes: blankToUndefined(v.notes),
    active: v.active,
  }
}

export default function ContactEdit() {
  const params = useParams()
  // No param: a new record. A param that is not a local id: a record that cannot exist, shown as not found.
  const id = () => params.id
  const db = useDb()
  const [existing] = createResource(id, (raw) => {
    const i = localIdFrom(raw)
    return i ? getContact(db, i) : undefined
  })
  return (
    <Show when={!id() || existing.state === 'ready'} fallback={<p class="loading">Loading contact…</p>}>
      <Show
        when={!id() || existing()}
        fallback={<p class="form-error">This contact no longer exists on this tablet.</p>}
      >
        <ContactForm contact={existing()} />
      </Show>
    </Show>
  )
}

function ContactForm(props: { contact: Contact | undefined }) {
  const db = useDb()
  const navigate = useNavigate()
  const form = createForm(initialValues(props.contact))
  const v = form.values
  const editing = props.contact
  const back = editing
    ? { href: `/contacts/${editing.id}`, label: editing.displayName }
    : { href: '/contacts', label: 'Contacts' }

  const save = (e: Event) => {
    e.preventDefault()
    void form.run(async () => {
      const input = toInput(v)
      const r = editing ? await updateContact(db, editing.id, input) : await createContact(db, input)
      if (!r.ok) return form.fail(r.error)
      navigate(`/contacts/${r.value.id}`, { replace: !editing })
    })
  }
  const err = (path: string) => form.error(path) ?? form.error(`billingAddress.${path}`)
  return (
    <form class="stack" onSubmit={save} novalidate>
      <PageHeader title={editing ? `Edit ${editing.displayName}` : 'New contact'} back={back} />
      <Show when={form.summary()}>
        <div class="form-error" role="alert">
          {form.summary()}
        </div>
      </Show>
      <div class="card">
        <h3>Who</h3>
        <div class="grid-2">
          <TextField
            label="First name"
            value={v.givenName}
            onValue={(s) => form.set('givenName', s)}
            error={err('givenName')}
            autocomplete="given-name"
          />
          <TextField
            label="Last name"
            value={v.familyName}
            onValue={(s) => form.set('familyName', s)}
            error={err('familyName')}
            autocomplete="family-name"
          />
          <TextField
            label="Company"
            value={v.companyName}
            onValue={(s) => form.set('companyName', s)}
            error={err('companyName')}
            autocomplete="organization"
          />
          <TextField
            label="Display name"
            value={v.displayName}
            onValue={(s) => form.set('displayName', s)}
            error={err('displayName')}
            hint="Shown in lists and on invoices. Leave blank to use the name, or the company."
          />
          <TextField
            label="Email"
            type="email"
            inputmode="email"
            value={v.email}
            onValue={(s) => form.set('email', s)}
            error={err('email')}
            autocomplete="email"
          />
          <TextField
            label="Phone"
            type="tel"
            inputmode="tel"
            value={v.phone}
            onValue={(s) => form.set('phone', s)}
            error={err('phone')}
            autocomplete="tel"
          />
        </div>
      </div>
      <div class="card">
        <h3>Billing address</h3>
        <div class="grid-2">
          <TextField
            label="Street"
            value={v.line1}
            onValue={(s) => form.set('line1', s)}
            error={err('line1')}
            autocomplete="address-line1"
          />
          <TextField
            label="Street, line 2"
            value={v.line2}
            onValue={(s) => form.set('line2', s)}
            error={err('line2')}
            autocomplete="address-line2"
          />
          <TextField
            label="City"
            value={v.city}
            onValue={(s) => form.set('city', s)}
            error={err('city')}
            autocomplete="address-level2"
          />
          <TextField
            label="State or region"
            value={v.region}
            onValue={(s) => form.set('region', s)}
            error={err('region')}
            autocomplete="address-level1"
          />
          <TextField
            label="Postal code"
            value={v.postalCode}
            onValue={(s) => form.set('postalCode', s)}
            error={err('postalCode')}
            autocomplete="postal-code"
          />
          <TextField
            label="Country"
            value={v.country}
            onValue={(s) => form.set('country', s)}
            error={err('country')}
            autocomplete="country-name"
          />
        </div>
      </div>
      <div class="card">
        <TextAreaField
          label="Notes"
          value={v.notes}
          onValue={(s) => form.set('notes', s)}
          error={err('notes')}
          hint="Gate codes, dogs, preferred times…"
        />
        <CheckboxField
          label="Active"
          checked={v.active}
          onChecked={(b) => form.set('active', b)}
          hint="Inactive contacts are hidden from lists and pickers."
        />
      </div>
      <div class="form-actions">
        <button type="button" class="btn" onClick={() => navigate(back.href)}>
          Cancel
        </button>
        <button type="submit" class="btn btn-primary-solid" disabled={form.busy()}>
          {editing ? 'Save changes' : 'Save contact'}
        </button>
      </div>
    </form>
  )
}
