/** Payments received, newest first, virtualized. */
import { A, useHref } from '@solidjs/router'
import { createMemo, createSignal, Show } from 'solid-js'
import { nameKey, unappliedAmount } from '#shared/domain/index.ts'
import type { Payment } from '#shared/domain/index.ts'
import { EmptyState } from '../../components/EmptyState.tsx'
import { PageHeader } from '../../components/PageHeader.tsx'
import { SearchBox } from '../../components/SearchBox.tsx'
import { SyncStateIcon } from '../../components/SyncStateIcon.tsx'
import { VirtualList } from '../../components/VirtualList.tsx'
import { useDb } from '../../state/db.ts'
import { methodLabel, useFormats } from '../../state/format.ts'
import { contactNames } from '../../state/invoice-window.ts'
import { allPayments, appliedNumbers } from '../../state/list-pages.ts'
import { createLive } from '../../state/live.ts'
import { createSyncStates } from '../../state/live-sync.ts'

export default function PaymentsList() {
  const db = useDb()
  const syncState = createSyncStates('payment')
  const fmt = useFormats()
  // Each read names its table, so a sync's commits to the others do not re-run it.
  const payments = createLive(() => allPayments(db), undefined, ['payments'])
  const contacts = createLive(() => contactNames(db), undefined, ['contacts'])
  const invoices = createLive(() => appliedNumbers(db, payments() ?? []), payments, ['invoices'])
  const names = createMemo(() => contacts() ?? new Map<string, string>())
  const numbers = createMemo(() => invoices() ?? new Map<string, string>())
  // Plain anchors (the router follows them): a router <A> per row sets up computations of its own.
  const paymentHref = useHref(() => '/payments/')
  const [search, setSearch] = createSignal('')
  const nameOf = (p: Payment) => names().get(p.contactId) ?? 'Deleted contact'
  const appliedTo = (p: Payment) => p.applications.map((a) => `#${numbers().get(a.invoiceId) ?? '?'}`).join(', ')
  const shown = createMemo(() => {
    const words = nameKey(search()).split(' ').filter(Boolean)
    return payments()?.filter((p) => {
      if (!words.length) return true
      const hay = ` ${nameKey(nameOf(p))} ${nameKey(p.reference ?? '')} ${appliedTo(p).replace(/#/g, '')} `
      return words.every((w) => hay.includes(` ${w}`))
    })
  })
  // A function, not a node: the button appears both in the header and in the empty state.
  const newButton = () => (
    <A class="btn btn-primary-solid" href="/payments/new">
      Record payment
    </A>
  )
  return (
    <section class="page-fill">
      <PageHeader title="Payments" actions={newButton()} />
      <div class="toolbar">
        <SearchBox
          label="Search payments"
          placeholder="Search by contact, reference or invoice number"
          value={search()}
          onValue={setSearch}
        />
        <span class="count">{shown()?.length ?? '…'} shown</span>
      </div>
      <Show when={shown()} fallback={<p class="loading">Loading payments…</p>}>
        {(rows) => (
          <Show
            when={rows().length > 0}
            fallback={
              search() ? (
                <EmptyState
                  title="No payment matches"
                  action={
                    <button type="button" class="btn" onClick={() => setSearch('')}>
                      Clear search
                    </button>
                  }
                />
              ) : (
                <EmptyState title="No payments yet" action={newButton()}>
                  <p class="muted">Record a payment when a customer pays an invoice.</p>
                </EmptyState>
              )
            }
          >
            <VirtualList
              items={rows()}
              rowHeight={60}
              label="Payments"
              head={
                <div class="vlist-head cols-payments">
                  <span>Date</span>
                  <span>Contact</span>
                  <span>Method</span>
                  <span>Applied to</span>
                  <span class="num">Amount</span>
                  <span>
                    <span class="visually-hidden">QuickBooks</span>
                  </span>
                </div>
              }
            >
              {(p) => (
                <a class="row cols-payments" href={`${paymentHref()}${p.id}`}>
                  <span class="secondary">{fmt().date(p.date)}</span>
                  <span class="primary">{nameOf(p)}</span>
                  <span class="cell-stack">
                    <span>{methodLabel(p.method)}</span>
                    <span class="secondary">{p.reference ?? ''}</span>
                  </span>
                  <span class="secondary">
                    {appliedTo(p) || 'Not applied'}
                    {unappliedAmount(p) > 0 && p.applications.length
                      ? ` + ${fmt().money(unappliedAmount(p))} credit`
                      : ''}
                  </span>
                  <span class="num">{p.voidedAt ? 'Void' : fmt().money(p.amount)}</span>
                  <span class="sync-slot">
                    <SyncStateIcon state={syncState(p.id, p)} />
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
