/** The pricebook: services and products with their prices, searchable and virtualized. */
import { A, useHref } from '@solidjs/router'
import { createMemo, createSignal, Show } from 'solid-js'
import { EmptyState } from '../../components/EmptyState.tsx'
import { PageHeader } from '../../components/PageHeader.tsx'
import { SearchBox } from '../../components/SearchBox.tsx'
import { StatusPill } from '../../components/StatusPill.tsx'
import { SyncStateIcon } from '../../components/SyncStateIcon.tsx'
import { VirtualList } from '../../components/VirtualList.tsx'
import { useDb } from '../../state/db.ts'
import { useFormats } from '../../state/format.ts'
import { allItems, matchingItems } from '../../state/list-pages.ts'
import { createLive } from '../../state/live.ts'
import { createSyncStates } from '../../state/live-sync.ts'

export default function ItemsList() {
  const db = useDb()
  const syncState = createSyncStates('item')
  const fmt = useFormats()
  const [search, setSearch] = createSignal('')
  const [showInactive, setShowInactive] = createSignal(false)
  // Read once (and again when items change), in pages; a keystroke or the inactive chip filters in memory.
  const all = createLive(() => allItems(db), undefined, ['items'])
  const items = createMemo(() => {
    const rows = all()
    return rows && matchingItems(rows, search(), showInactive())
  })
  // Plain anchors (the router follows them): a router <A> per row sets up computations of its own.
  const itemHref = useHref(() => '/pricebook/')
  // A function, not a node: the button appears both in the header and in the empty state.
  const newButton = () => (
    <A class="btn btn-primary-solid" href="/pricebook/new">
      New item
    </A>
  )
  return (
    <section class="page-fill">
      <PageHeader title="Pricebook" actions={newButton()} />
      <div class="toolbar">
        <SearchBox label="Search items" placeholder="Search by name or SKU" value={search()} onValue={setSearch} />
        <button
          type="button"
          class="chip"
          aria-pressed={showInactive()}
          onClick={() => setShowInactive(!showInactive())}
        >
          Show inactive
        </button>
        <span class="count">{items()?.length ?? '…'} shown</span>
      </div>
      <Show when={items()} fallback={<p class="loading">Loading items…</p>}>
        {(rows) => (
          <Show
            when={rows().length > 0}
            fallback={
              search() ? (
                <EmptyState
                  title={`No item matches “${search()}”`}
                  action={
                    <button type="button" class="btn" onClick={() => setSearch('')}>
                      Clear search
                    </button>
                  }
                />
              ) : (
                <EmptyState title="Your pricebook is empty" action={newButton()}>
                  <p class="muted">Add the services and products you sell, so invoices fill themselves in.</p>
                </EmptyState>
              )
            }
          >
            <VirtualList
              items={rows()}
              rowHeight={64}
              label="Items"
              head={
                <div class="vlist-head cols-items">
                  <span>Item</span>
                  <span>Type</span>
                  <span class="num">Price</span>
                  <span />
                  <span>
                    <span class="visually-hidden">QuickBooks</span>
                  </span>
                </div>
              }
            >
              {(i) => (
                <a class="row cols-items" href={`${itemHref()}${i.id}`}>
                  <span class="cell-stack">
                    <span class="primary">{i.name}</span>
                    <span class="secondary">{[i.sku, i.description].filter(Boolean).join(' · ')}</span>
                  </span>
                  <span class="secondary">{i.type === 'service' ? 'Service' : 'Product'}</span>
                  <span class="num">{fmt().money(i.unitPrice)}</span>
                  <span>
                    {i.active ? (
                      i.taxable ? (
                        <StatusPill tone="neutral">Taxable</StatusPill>
                      ) : (
                        ''
                      )
                    ) : (
                      <StatusPill tone="neutral">Inactive</StatusPill>
                    )}
                  </span>
                  <span class="sync-slot">
                    <SyncStateIcon state={syncState(i.id, i)} />
                  </span>
                </a>
              )}
            </VirtualList>
          </Show>
        )}
      </Show>
    </section>
  )
}
