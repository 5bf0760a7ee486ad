/**
 * Invoices, newest first, filtered by state and searched by number or contact.
 * Virtualized: 10,000 invoices render as fast as a screenful. Each row keeps a
 * QuickBooks state icon (up to date / edited / failed / not sent), live from mappings and outbox.
 *
 * The first screen is read through an index before anything else; every invoice, then every contact name,
 * follow in pages once it is up, so on a tablet the first rows are not kept waiting by the rest.
 */
import { A, useHref } from '@solidjs/router'
import { createMemo, createSignal, For, Show } from 'solid-js'
import { invoiceState, nameKey } from '#shared/domain/index.ts'
import type { Invoice, InvoiceState } from '#shared/domain/index.ts'
import { EmptyState } from '../../components/EmptyState.tsx'
import { PageHeader } from '../../components/PageHeader.tsx'
import { SearchBox } from '../../components/SearchBox.tsx'
import { SyncStateIcon } from '../../components/SyncStateIcon.tsx'
import { VirtualList } from '../../components/VirtualList.tsx'
import { useDb } from '../../state/db.ts'
import { useFormats } from '../../state/format.ts'
import { allInvoices, contactNames, newestInvoices } from '../../state/invoice-window.ts'
import { createLive } from '../../state/live.ts'
import { createSyncStates } from '../../state/live-sync.ts'
import { createOnline } from '../../state/online.ts'
import { InvoiceStatePill } from './InvoiceStatePill.tsx'
import { invoiceNumberText } from './invoice-number-text.ts'

const filters: { value: InvoiceState | 'all' | 'unpaid'; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'draft', label: 'Drafts' },
  { value: 'unpaid', label: 'Unpaid' },
  { value: 'paid', label: 'Paid' },
  { value: 'void', label: 'Void' },
]

export default function InvoicesList() {
  const db = useDb()
  const fmt = useFormats()
  // A first screen from the indexes at once; the full list (and all names, for search) follows.
  const first = createLive(() => newestInvoices(db, 40), undefined, ['invoices', 'contacts'])
  const started = () => first() !== undefined
  const all = createLive(() => (started() ? allInvoices(db) : undefined), started, ['invoices'])
  const contacts = createLive(
    () => (all() ? contactNames(db) : undefined),
    () => all() !== undefined,
    ['contacts'],
  )
  const invoices = () => all() ?? first()?.invoices
  const names = createMemo(() => contacts() ?? first()?.names ?? new Map<string, string>())
  const syncState = createSyncStates('invoice')
  const online = createOnline()
  const [filter, setFilter] = createSignal<(typeof filters)[number]['value']>('all')
  const [search, setSearch] = createSignal('')
  const nameOf = (inv: Invoice) => names().get(inv.contactId) ?? (contacts() ? 'Deleted contact' : '')
  // Rows link with plain anchors (the router follows them): a router <A> per row sets up computations of its own,
  // and scrolling renders a few new rows every frame.
  const invoiceHref = useHref(() => '/invoices/')

  const shown = createMemo(() => {
    const rows = invoices()
    if (!rows) return undefined
    const f = filter()
    const words = nameKey(search()).split(' ').filter(Boolean)
    const kept = rows.filter((inv) => {
      const st = invoiceState(inv)
      if (f === 'unpaid' ? st !== 'open' && st !== 'partial' : f !== 'all' && st !== f) return false
      if (words.length === 0) return true
      const hay = ` ${inv.number ?? ''} ${nameKey(nameOf(inv))} `
      return words.every((w) => hay.includes(` ${w}`))
    })
    // Nothing in the first screen is no proof of an empty list: wait for the full one.
    return kept.length === 0 && !all() ? undefined : kept
  })
  // A function, not a node: the button appears both in the header and in the empty state.
  const newButton = () => (
    <A class="btn btn-primary-solid" href="/invoices/new">
      New invoice
    </A>
  )
  return (
    <section class="page-fill">
      <PageHeader title="Invoices" actions={newButton()} />
      <div class="toolbar">
        <SearchBox
          label="Search invoices"
          placeholder="Search by number or contact"
          value={search()}
          onValue={setSearch}
        />
        <div class="chips" role="group" aria-label="Show">
          <For each={filters}>
            {(f) => (
              <button type="button" class="chip" aria-pressed={filter() === f.value} onClick={() => setFilter(f.value)}>
                {f.label}
              </button>
            )}
          </For>
        </div>
        <span class="count">{all() ? `${shown()?.length ?? 0} shown` : 'Loading all…'}</span>
      </div>
      <Show when={shown()} fallback={<p class="loading">Loading invoices…</p>}>
        {(rows) => (
          <Show
            when={rows().length > 0}
            fallback={
              (all()?.length ?? 0) > 0 ? (
                <EmptyState
                  title="No invoice matches"
                  action={
                    <button
                      type="button"
                      class="btn"
                      onClick={() => {
                        setSearch('')
                        setFilter('all')
                      }}
                    >
                      Show all invoices
                    </button>
                  }
                />
              ) : (
                <EmptyState title="No invoices yet" action={newButton()}>
                  <p class="muted">Start one from a contact, then add lines from your pricebook.</p>
                </EmptyState>
              )
            }
          >
            <VirtualList
              items={rows()}
              rowHeight={60}
              label="Invoices"
              class="invoice-list"
              head={
                <div class="vlist-head cols-invoices">
                  <span>Number</span>
                  <span>Contact</span>
                  <span>Issued</span>
                  <span>Status</span>
                  <span class="num">Total</span>
                  <span class="num">Balance</span>
                  <span>
                    <span class="visually-hidden">QuickBooks</span>
                  </span>
                </div>
              }
            >
              {(inv) => {
                // Plain values, not expressions: each of those would be a computation of its own. A changed invoice
                // is a new object, so its row is rendered anew; the contact's name stays live (it loads later).
                const f = fmt()
                const href = `${invoiceHref()}${inv.id}`
                const number = invoiceNumberText(inv)
                // "Number given by QuickBooks when sent" is too long for the column's one line: it wraps, small.
                const numberCell =
                  inv.number !== undefined || inv.status === 'draft' ? (
                    <span class="primary">{number}</span>
                  ) : (
                    <span
                      class="secondary"
                      style={{ 'white-space': 'normal', 'font-size': '0.75rem', 'line-height': 1.2 }}
                    >
                      {number}
                    </span>
                  )
                const due = `Due ${f.date(inv.dueDate)}`
                const issued = f.date(inv.issueDate)
                const state = invoiceState(inv)
                const total = f.money(inv.total)
                const balance = inv.status === 'finalized' ? f.money(inv.balance) : ''
                const record = { version: inv.version, draft: inv.status === 'draft' }
                return (
                  <a class="row cols-invoices" href={href}>
                    {numberCell}
                    <span class="cell-stack">
                      <span class="primary">{nameOf(inv)}</span>
                      <span class="secondary">{due}</span>
                    </span>
                    <span class="secondary">{issued}</span>
                    <span>
                      <InvoiceStatePill state={state} />
                    </span>
                    <span class="num">{total}</span>
                    <span class="num">{balance}</span>
                    <span class="sync-slot" data-sync-slot={inv.id}>
                      <SyncStateIcon state={syncState(inv.id, record)} online={online()} />
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
