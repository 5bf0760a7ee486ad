/**
 * Contacts: every customer, searchable, in a virtualized list that stays smooth at 10,000 rows. The contacts
 * are read once (and again when the table changes) into an in-memory index: a keystroke filters that, so the
 * list follows the typing even on a tablet's CPU.
 */
import { A, useHref } from '@solidjs/router'
import { createEffect, createMemo, createSignal, on, onCleanup, onMount, Show } from 'solid-js'
import { formatAddress } from '#shared/domain/index.ts'
import { EmptyState } from '../../components/EmptyState.tsx'
import { PageHeader } from '../../components/PageHeader.tsx'
import { SearchBox } from '../../components/SearchBox.tsx'
import { StatusPill } from '../../components/StatusPill.tsx'
import { SyncStateIcon } from '../../components/SyncStateIcon.tsx'
import { VirtualList } from '../../components/VirtualList.tsx'
import { ContactIndex } from '../../db/contact-index.ts'
import { listContacts, type Contact } from '../../db/contacts.ts'
import { useDb } from '../../state/db.ts'
import { createLive } from '../../state/live.ts'
import { createSyncStates } from '../../state/live-sync.ts'

function sameRows(a: readonly Contact[] | undefined, b: readonly Contact[] | undefined): boolean {
  if (a === b) return true
  if (!a || !b || a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

export default function ContactsList() {
  const db = useDb()
  const syncState = createSyncStates('contact')
  const [search, setSearch] = createSignal('')
  const [showInactive, setShowInactive] = createSignal(false)
  const all = createLive(() => listContacts(db, { includeInactive: true }), undefined, ['contacts'])
  const index = new ContactIndex()
  // A new object per load, so the search below re-runs whenever the contacts change.
  const loaded = createMemo(() => {
    const rows = all()
    if (!rows) return undefined
    index.load(rows)
    return { index }
  })
  createEffect(() => {
    if (loaded()) onCleanup(index.warm())
  })
  // The same matches as before (typing "smit" → "smith") keep the same array, so the list does not render again.
  const contacts = createMemo(() => loaded()?.index.search(search(), showInactive()), undefined, { equals: sameRows })
  // A changed search shows its best matches: back to the top of the list if it was scrolled. Whether it was is
  // noted as it scrolls: reading or setting the scroll position right after the rows change would lay the page
  // out again in the middle of a keystroke.
  let page: HTMLElement | undefined
  let scrolled: HTMLElement | undefined
  onMount(() =>
    page?.addEventListener(
      'scroll',
      (e) => {
        const list = e.target as HTMLElement
        scrolled = list.scrollTop > 0 ? list : undefined
      },
      { capture: true, passive: true },
    ),
  )
  createEffect(
    on(
      search,
      () => {
        if (scrolled?.isConnected) scrolled.scrollTop = 0
        scrolled = undefined
      },
      { defer: true },
    ),
  )
  // Rows link with plain anchors (the router follows them): a router <A> per row set up five computations, and
  // a keystroke renders a row for each contact it brings into view.
  const contactHref = useHref(() => '/contacts/')
  // A function, not a node: the button appears both in the header and in the empty state.
  const newButton = () => (
    <A class="btn btn-primary-solid" href="/contacts/new">
      New contact
    </A>
  )
  return (
    <section class="page-fill" ref={page}>
      <PageHeader title="Contacts" actions={newButton()} />
      <div class="toolbar">
        <SearchBox
          label="Search contacts"
          placeholder="Search by name, company, email or phone"
          value={search()}
          onValue={setSearch}
        />
        <button
          type="button"
          class="chip"
          aria-pressed={showInactive()}
          onClick={() => setShowInactive(!showInactive())}
        >
          Show inactive
        </button>
        <span class="count">{contacts()?.length ?? '…'} shown</span>
      </div>
      <Show when={contacts()} fallback={<p class="loading">Loading contacts…</p>}>
        {(rows) => (
          <Show
            when={rows().length > 0}
            fallback={
              search() ? (
                <EmptyState
                  title={`No contact matches “${search()}”`}
                  action={
                    <button type="button" class="btn" onClick={() => setSearch('')}>
                      Clear search
                    </button>
                  }
                />
              ) : (
                <EmptyState title="No contacts yet" action={newButton()}>
                  <p class="muted">Add your first customer, or load demo data from Settings.</p>
                </EmptyState>
              )
            }
          >
            <VirtualList
              items={rows()}
              rowHeight={64}
              label="Contacts"
              head={
                <div class="vlist-head cols-contacts">
                  <span>Name</span>
                  <span>Email and phone</span>
                  <span>City</span>
                  <span />
                  <span>
                    <span class="visually-hidden">QuickBooks</span>
                  </span>
                </div>
              }
            >
              {(c) => {
                // Plain values, not expressions on `c`: each of those would become a computation of its own, and
                // a keystroke renders the rows it brings into view. A changed contact is a new object: its row is
                // replaced, not edited.
                const href = `${contactHref()}${c.id}`
                const name = c.displayName
                const company = c.companyName && c.companyName !== c.displayName ? c.companyName : ''
                const email = c.email ?? ''
                const phone = c.phone ?? ''
                const city = c.billingAddress?.city ?? formatAddress(c.billingAddress)
                return (
                  <a class="row cols-contacts" href={href}>
                    <span class="cell-stack">
                      <span class="primary">{name}</span>
                      <span class="secondary">{company}</span>
                    </span>
                    <span class="cell-stack">
                      <span class="secondary">{email}</span>
                      <span class="secondary">{phone}</span>
                    </span>
                    <span class="secondary">{city}</span>
                    <span>{c.active ? '' : <StatusPill tone="neutral">Inactive</StatusPill>}</span>
                    <span class="sync-slot">
                      <SyncStateIcon state={syncState(c.id, c)} />
                    </span>
                  </a>
                )
              }}
            </VirtualList>
          </Show>
        )}
      </Show>
    </section>
  )
}
