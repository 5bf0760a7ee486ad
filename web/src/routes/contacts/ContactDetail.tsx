/** One contact: details, service addresses, jobs, their invoices and payments, and the actions that start work for them. */
import { A, useNavigate, useParams } from '@solidjs/router'
import { createSignal, For, Show } from 'solid-js'
import { formatAddress, invoiceState } from '#shared/domain/index.ts'
import type { Contact } from '#shared/domain/index.ts'
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx'
import { PageHeader } from '../../components/PageHeader.tsx'
import { RecordSyncPanel } from '../../components/RecordSyncPanel.tsx'
import { deleteContact, getContact } from '../../db/contacts.ts'
import { listInvoices } from '../../db/invoices.ts'
import { listPayments } from '../../db/payments.ts'
import { listPropertiesForContact } from '../../db/properties.ts'
import { useDb } from '../../state/db.ts'
import { methodLabel, useFormats } from '../../state/format.ts'
import { createLive } from '../../state/live.ts'
import { localIdFrom } from '../../state/route-id.ts'
import { InvoiceStatePill } from '../invoices/InvoiceStatePill.tsx'
import { JobsCard } from './JobsCard.tsx'
import { PropertyForm } from './PropertyForm.tsx'

export default function ContactDetail() {
  const params = useParams()
  const id = () => localIdFrom(params.id)
  const db = useDb()
  const contact = createLive(() => {
    const i = id()
    return i ? getContact(db, i) : undefined
  }, id)
  return (
    <Show when={!contact.loading()} fallback={<p class="loading">Loading contact…</p>}>
      <Show when={contact()} fallback={<NotFound />}>
        {(c) => <ContactView contact={c()} />}
      </Show>
    </Show>
  )
}

function NotFound() {
  return (
    <div class="stack">
      <PageHeader title="Contact not found" back={{ href: '/contacts', label: 'Contacts' }} />
      <p>This contact no longer exists on this tablet. It may have been deleted.</p>
    </div>
  )
}

function ContactView(props: { contact: Contact }) {
  const db = useDb()
  const fmt = useFormats()
  const navigate = useNavigate()
  const c = () => props.contact
  const properties = createLive(
    () => listPropertiesForContact(db, c().id),
    () => c().id,
  )
  const invoices = createLive(
    () => listInvoices(db, { contactId: c().id }),
    () => c().id,
  )
  const payments = createLive(
    () => listPayments(db, { contactId: c().id }),
    () => c().id,
  )
  const [confirmDelete, setConfirmDelete] = createSignal(false)
  const [adding, setAdding] = createSignal(false)
  const [problem, setProblem] = createSignal<string>()
  const remove = async () => {
    setConfirmDelete(false)
    const r = await deleteContact(db, c().id)
    if (!r.ok) return setProblem(r.error.message)
    navigate('/contacts', { replace: true })
  }
  const owed = () => (invoices() ?? []).filter((i) => i.status === 'finalized').reduce((s, i) => s + i.balance, 0)

  return (
    <div class="stack">
      <PageHeader
        title={c().displayName}
        back={{ href: '/contacts', label: 'Contacts' }}
        subtitle={c().active ? undefined : 'Inactive'}
        actions={
          <>
            <A class="btn" href={`/contacts/${c().id}/edit`}>
              Edit
            </A>
            <A class="btn" href={`/payments/new?contact=${c().id}`}>
              Record payment
            </A>
            <A class="btn btn-primary-solid" href={`/invoices/new?contact=${c().id}`}>
              New invoice
            </A>
          </>
        }
      />
      <Show when={problem()}>
        <div class="form-error" role="alert">
          {problem()}
        </div>
      </Show>
      <RecordSyncPanel kind="contact" id={c().id} version={c().version} />
      <div class="two-col">
        <div class="card">
          <h3>Details</h3>
          <dl class="dl">
            <Show when={c().companyName}>
              <dt>Company</dt>
              <dd>{c().companyName}</dd>
            </Show>
            <dt>Email</dt>
            <dd>{c().email ? <a href={`mailto:${c().email}`}>{c().email}</a> : <span class="muted">None</span>}</dd>
            <dt>Phone</dt>
            <dd>{c().phone ? <a href={`tel:${c().phone}`}>{c().phone}</a> : <span class="muted">None</span>}</dd>
            <dt>Billing address</dt>
            <dd>{formatAddress(c().billingAddress) || <span class="muted">None</span>}</dd>
            <Show when={c().notes}>
              <dt>Notes</dt>
              <dd style={{ 'white-space': 'pre-wrap' }}>{c().notes}</dd>
            </Show>
            <dt>Owes</dt>
            <dd class="num" style={{ 'text-align': 'left' }}>
              {fmt().money(owed())}
            </dd>
          </dl>
        </div>
        <div class="card">
          <h3>Properties</h3>
          <Show when={(properties() ?? []).length > 0} fallback={<p class="muted">No service addresses yet.</p>}>
            <ul class="plain-list">
              <For each={properties()}>
                {(p) => (
                  <li>
                    <strong>{p.label ?? 'Property'}</strong>
                    <div class="muted">{formatAddress(p.address)}</div>
                  </li>
                )}
              </For>
            </ul>
          </Show>
          <Show
            when={adding()}
            fallback={
              <button type="button" class="btn" onClick={() => setAdding(true)}>
                Add property
              </button>
            }
          >
            <PropertyForm contactId={c().id} onDone={() => setAdding(false)} />
          </Show>
        </div>
      </div>
      <JobsCard contactId={c().id} properties={properties() ?? []} />
      <div class="card">
        <h3>Invoices</h3>
        <Show
          when={(invoices() ?? []).length > 0}
          fallback={<p class="muted">No invoices for {c().displayName} yet.</p>}
        >
          <table class="lines">
            <thead>
              <tr>
                <th>Number</th>
                <th>Issued</th>
                <th>Status</th>
                <th class="num">Total</th>
                <th class="num">Balance</th>
              </tr>
            </thead>
            <tbody>
              <For each={invoices()}>
                {(inv) => (
                  <tr class="clickable" onClick={() => navigate(`/invoices/${inv.id}`)}>
                    <td>
                      <A href={`/invoices/${inv.id}`}>{inv.number ?? 'Draft'}</A>
                    </td>
                    <td>{fmt().date(inv.issueDate)}</td>
                    <td>
                      <InvoiceStatePill state={invoiceState(inv)} />
                    </td>
                    <td class="num">{fmt().money(inv.total)}</td>
                    <td class="num">{inv.status === 'finalized' ? fmt().money(inv.balance) : ''}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      </div>
      <div class="card">
        <h3>Payments</h3>
        <Show when={(payments() ?? []).length > 0} fallback={<p class="muted">No payments recorded.</p>}>
          <table class="lines">
            <thead>
              <tr>
                <th>Date</th>
                <th>Method</th>
                <th>Reference</th>
                <th class="num">Amount</th>
              </tr>
            </thead>
            <tbody>
              <For each={payments()}>
                {(p) => (
                  <tr class="clickable" onClick={() => navigate(`/payments/${p.id}`)}>
                    <td>
                      <A href={`/payments/${p.id}`}>{fmt().date(p.date)}</A>
                    </td>
                    <td>{methodLabel(p.method)}</td>
                    <td>{p.reference ?? ''}</td>
                    <td class="num">{fmt().money(p.amount)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      </div>
      <div>
        <button type="button" class="btn btn-danger-outline" onClick={() => setConfirmDelete(true)}>
          Delete contact
        </button>
      </div>
      <ConfirmDialog
        open={confirmDelete()}
        title={`Delete ${c().displayName}?`}
        confirmLabel="Delete contact"
        danger
        onConfirm={() => void remove()}
        onCancel={() => setConfirmDelete(false)}
      >
        <p>
          The contact disappears from your lists. Their invoices and payments stay. In QuickBooks the customer is made
          inactive, not deleted.
        </p>
      </ConfirmDialog>
    </div>
  )
}
