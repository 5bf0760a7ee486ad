/**
 * Starting an invoice: pick the contact (or arrive with ?contact=…), and a draft
 * is created for them; lines are added on the invoice page.
 */
import { A, useNavigate, useSearchParams } from '@solidjs/router'
import { createSignal, For, onMount, Show } from 'solid-js'
import type { LocalId } from '#shared/domain/index.ts'
import { EmptyState } from '../../components/EmptyState.tsx'
import { PageHeader } from '../../components/PageHeader.tsx'
import { SearchBox } from '../../components/SearchBox.tsx'
import { listContacts } from '../../db/contacts.ts'
import { createInvoice } from '../../db/invoices.ts'
import { notFound } from '../../db/records.ts'
import { useDb } from '../../state/db.ts'
import { createLive } from '../../state/live.ts'
import { localIdFrom } from '../../state/route-id.ts'

export default function InvoiceNew() {
  const db = useDb()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const [search, setSearch] = createSignal('')
  const [problem, setProblem] = createSignal<string>()
  const [busy, setBusy] = createSignal(false)
  const contacts = createLive(() => listContacts(db, { search: search() }).then((r) => r.slice(0, 50)), search)

  const start = async (contactId: LocalId) => {
    if (busy()) return
    setBusy(true)
    const r = await createInvoice(db, { contactId })
    setBusy(false)
    if (!r.ok) return setProblem(r.error.message)
    navigate(`/invoices/${r.value.id}`, { replace: true })
  }
  onMount(() => {
    const given = params.contact
    if (typeof given !== 'string' || !given) return
    const contactId = localIdFrom(given)
    if (contactId) void start(contactId)
    else setProblem(notFound('contact').message)
  })

  return (
    <div class="stack">
      <PageHeader
        title="New invoice"
        back={{ href: '/invoices', label: 'Invoices' }}
        subtitle="Who is this invoice for?"
      />
      <Show when={problem()}>
        <div class="form-error" role="alert">
          {problem()}
        </div>
      </Show>
      <Show when={!params.contact} fallback={<p class="loading">Creating the draft…</p>}>
        <SearchBox
          label="Search contacts"
          placeholder="Type a name, company or email"
          value={search()}
          onValue={setSearch}
        />
        <Show
          when={(contacts() ?? []).length > 0}
          fallback={
            <EmptyState
              title={search() ? 'No contact matches' : 'No contacts yet'}
              action={
                <A class="btn btn-primary-solid" href="/contacts/new">
                  New contact
                </A>
              }
            >
              <p class="muted">An invoice needs a contact. Add one first.</p>
            </EmptyState>
          }
        >
          <div class="picker card" style={{ padding: 0 }} role="list" aria-label="Contacts">
            <For each={contacts()}>
              {(c) => (
                <button type="button" role="listitem" disabled={busy()} onClick={() => void start(c.id)}>
                  <span>
                    <strong>{c.displayName}</strong> <span class="muted">{c.email ?? c.phone ?? ''}</span>
                  </span>
                  <span class="muted">Start invoice ›</span>
                </button>
              )}
            </For>
          </div>
          <p class="muted">Showing up to 50 contacts; search to narrow down.</p>
        </Show>
      </Show>
    </div>
  )
}
