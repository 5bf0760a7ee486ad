/**
 * One invoice. A draft is edited here (dates, tax rate, lines with live totals);
 * finalizing numbers it and queues it for QuickBooks; a finalized invoice can be
 * paid or voided (after a confirmation).
 */
import { A, useNavigate, useParams } from '@solidjs/router'
import { createMemo, createSignal, For, Show } from 'solid-js'
import { invoiceState } from '#shared/domain/index.ts'
import type { Invoice } from '#shared/domain/index.ts'
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx'
import { PageHeader } from '../../components/PageHeader.tsx'
import { VoidInvoiceButton } from '../payments/VoidInvoiceButton.tsx'
import { RecordSyncPanel } from '../../components/RecordSyncPanel.tsx'
import { getContact } from '../../db/contacts.ts'
import { getSettings } from '../../db/settings.ts'
import { deleteDraftInvoice, finalizeInvoice, getInvoice, voidInvoice } from '../../db/invoices.ts'
import { useDb } from '../../state/db.ts'
import { useFormats } from '../../state/format.ts'
import { createLive } from '../../state/live.ts'
import { localIdFrom } from '../../state/route-id.ts'
import { discountCents } from '#shared/domain/totals.ts'
import { AddLine } from './AddLine.tsx'
import { CompanyLimitsNotice } from './CompanyLimitsNotice.tsx'
import { DiscountField } from './DiscountField.tsx'
import { FreeTextNotice } from './FreeTextNotice.tsx'
import { InvoiceHeaderForm } from './InvoiceHeaderForm.tsx'
import { InvoiceStatePill } from './InvoiceStatePill.tsx'
import { NUMBER_FROM_QUICKBOOKS } from './invoice-number-text.ts'
import { LineRow } from './LineRow.tsx'

export default function InvoiceDetail() {
  const params = useParams()
  const id = () => localIdFrom(params.id)
  const db = useDb()
  const invoice = createLive(() => {
    const i = id()
    return i ? getInvoice(db, i) : undefined
  }, id)
  return (
    <Show when={!invoice.loading()} fallback={<p class="loading">Loading invoice…</p>}>
      <Show
        when={invoice()}
        fallback={
          <div class="stack">
            <PageHeader title="Invoice not found" back={{ href: '/invoices', label: 'Invoices' }} />
            <p>This invoice no longer exists on this tablet. Deleted drafts are gone for good.</p>
          </div>
        }
      >
        {(inv) => <InvoiceView invoice={inv()} />}
      </Show>
    </Show>
  )
}

type Pending = 'finalize' | 'void' | 'delete' | undefined

function InvoiceView(props: { invoice: Invoice }) {
  const db = useDb()
  const fmt = useFormats()
  const navigate = useNavigate()
  const inv = () => props.invoice
  const contact = createLive(
    () => getContact(db, inv().contactId),
    () => inv().contactId,
  )
  const [problem, setProblem] = createSignal<string>()
  const [confirm, setConfirm] = createSignal<Pending>()
  const draft = () => inv().status === 'draft'
  // Keyed by line id, so rows keep their inputs (and focus) while totals update.
  const lineIds = createMemo(() => inv().lines.map((l) => l.id), undefined, {
    equals: (a, b) => a.length === b.length && a.every((x, i) => x === b[i]),
  })
  const settings = createLive(() => getSettings(db))
  const title = () => (inv().number ? `Invoice ${inv().number}` : draft() ? 'Draft invoice' : 'Invoice')
  // Finalized while QuickBooks numbers the company's invoices: its number arrives with the first sync.
  const numberPending = () => !draft() && !inv().number
  // The lines' sum and the discount, worked out as the totals were (a pulled invoice stores QuickBooks' own).
  const linesSum = () => inv().lines.reduce((s, l) => s + l.amount, 0)
  const discount = () => discountCents(inv(), linesSum())

  const act = async (what: Exclude<Pending, undefined>) => {
    setConfirm(undefined)
    setProblem(undefined)
    if (what === 'delete') {
      const r = await deleteDraftInvoice(db, inv().id)
      if (!r.ok) return setProblem(r.error.message)
      return navigate('/invoices', { replace: true })
    }
    const r = what === 'finalize' ? await finalizeInvoice(db, inv().id) : await voidInvoice(db, inv().id)
    if (!r.ok) setProblem('fields' in r.error ? (Object.values(r.error.fields)[0] ?? r.error.message) : r.error.message)
  }

  return (
    <div class="stack">
      <PageHeader
        title={title()}
        back={{ href: '/invoices', label: 'Invoices' }}
        subtitle={
          <>
            <InvoiceStatePill state={invoiceState(inv())} />{' '}
            <Show when={numberPending()}>
              <span data-testid="invoice-number-pending">{NUMBER_FROM_QUICKBOOKS}</span>{' '}
            </Show>
            <Show when={contact()} fallback="Deleted contact">
              {(c) => <A href={`/contacts/${c().id}`}>{c().displayName}</A>}
            </Show>
          </>
        }
        actions={
          <>
            <Show when={draft()}>
              <button type="button" class="btn btn-danger-outline" onClick={() => setConfirm('delete')}>
                Delete draft
              </button>
              <button
                type="button"
                class="btn btn-primary-solid"
                disabled={inv().lines.length === 0}
                onClick={() => setConfirm('finalize')}
              >
                Finalize
              </button>
            </Show>
            <Show when={inv().status === 'finalized'}>
              <VoidInvoiceButton invoice={inv()} onProblem={setProblem} />
              <Show when={inv().balance > 0}>
                <A class="btn btn-primary-solid" href={`/payments/new?contact=${inv().contactId}&invoice=${inv().id}`}>
                  Record payment
                </A>
              </Show>
            </Show>
          </>
        }
      />
      <Show when={problem()}>
        <div class="form-error" role="alert">
          {problem()}
        </div>
      </Show>
      <RecordSyncPanel kind="invoice" id={inv().id} version={inv().version} draft={draft()} />
      <Show when={draft() && inv().lines.length === 0}>
        <p class="notice" style={{ 'border-radius': '8px' }}>
          Add at least one line, then finalize to number the invoice and queue it for QuickBooks.
        </p>
      </Show>

      <FreeTextNotice invoice={inv()} />
      <CompanyLimitsNotice invoice={inv()} />
      <InvoiceHeaderForm invoice={inv()} />

      <div class="card">
        <h3>Lines</h3>
        <table class="lines" aria-label="Invoice lines">
          <thead>
            <tr>
              <th>Item</th>
              <th class="qty">Qty</th>
              <th class="price">Unit price</th>
              <th class="num">Amount</th>
              <Show when={draft()}>
                <th>
                  <span class="visually-hidden">Remove</span>
                </th>
              </Show>
            </tr>
          </thead>
          <tbody>
            <For
              each={lineIds()}
              fallback={
                <tr>
                  <td colspan="5" class="muted">
                    No lines yet.
                  </td>
                </tr>
              }
            >
              {(lineId) => <LineRow invoice={inv()} lineId={lineId} />}
            </For>
          </tbody>
        </table>
        <Show when={draft()}>
          <AddLine invoiceId={inv().id} />
          <DiscountField invoice={inv()} />
        </Show>
        <div class="totals" aria-label="Totals" data-testid="totals">
          <span>Subtotal</span>
          <span class="num">{fmt().money(linesSum())}</span>
          <Show when={discount() > 0}>
            <span>
              Discount
              {inv().discount?.kind === 'percent' ? ` (${(inv().discount as { bps: number }).bps / 100} %)` : ''}
            </span>
            <span class="num" data-testid="invoice-discount">
              −{fmt().money(discount())}
            </span>
          </Show>
          <span>Tax ({(inv().taxRateBps / 100).toLocaleString(fmt().locale)} %)</span>
          <span class="num">{fmt().money(inv().tax)}</span>
          <span class="grand">Total</span>
          <span class="num grand" data-testid="invoice-total">
            {fmt().money(inv().total)}
          </span>
          <Show when={inv().status === 'finalized'}>
            <span>Balance due</span>
            <span class="num" data-testid="invoice-balance">
              {fmt().money(inv().balance)}
            </span>
          </Show>
        </div>
      </div>

      <ConfirmDialog
        open={confirm() === 'finalize'}
        title="Finalize this invoice?"
        confirmLabel="Finalize"
        onConfirm={() => void act('finalize')}
        onCancel={() => setConfirm(undefined)}
      >
        <p>
          {settings()?.quickBooksNumbers
            ? 'Its lines are locked, and QuickBooks gives it a number when it is sent on the next sync.'
            : 'It gets the next invoice number and its lines are locked. It will be sent to QuickBooks on the next sync.'}
          Total: <strong>{fmt().money(inv().total)}</strong>.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm() === 'delete'}
        title="Delete this draft?"
        confirmLabel="Delete draft"
        danger
        onConfirm={() => void act('delete')}
        onCancel={() => setConfirm(undefined)}
      >
        <p>The draft never reached QuickBooks, so it is removed for good.</p>
      </ConfirmDialog>
    </div>
  )
}
