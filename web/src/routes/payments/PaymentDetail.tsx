/**
 * One payment: what was received and what it pays, and its QuickBooks state with the way out of it. From here it
 * is fixed: edited (`?change=details`), applied to invoices (`?change=apply`), or deleted after a question.
 */
import { A, useNavigate, useParams, useSearchParams } from '@solidjs/router'
import { For, Match, Show, Switch } from 'solid-js'
import { unappliedAmount } from '#shared/domain/index.ts'
import type { Payment } from '#shared/domain/index.ts'
import { PageHeader } from '../../components/PageHeader.tsx'
import { RecordSyncPanel } from '../../components/RecordSyncPanel.tsx'
import { getContact } from '../../db/contacts.ts'
import { listInvoices } from '../../db/invoices.ts'
import { getPayment, isInQuickBooks } from '../../db/payments.ts'
import { useDb } from '../../state/db.ts'
import { methodLabel, useFormats } from '../../state/format.ts'
import { createLive } from '../../state/live.ts'
import { localIdFrom } from '../../state/route-id.ts'
import { DeletePayment } from './DeletePayment.tsx'
import { PaymentApply } from './PaymentApply.tsx'
import { PaymentEdit } from './PaymentEdit.tsx'

export default function PaymentDetail() {
  const params = useParams()
  const id = () => localIdFrom(params.id)
  const db = useDb()
  const payment = createLive(() => {
    const i = id()
    return i ? getPayment(db, i) : undefined
  }, id)
  return (
    <Show when={!payment.loading()} fallback={<p class="loading">Loading payment…</p>}>
      <Show
        when={payment()}
        fallback={
          <div class="stack">
            <PageHeader title="Payment not found" back={{ href: '/payments', label: 'Payments' }} />
            <p>This payment no longer exists on this tablet. It may have been deleted.</p>
          </div>
        }
      >
        {(p) => <PaymentView payment={p()} />}
      </Show>
    </Show>
  )
}

function PaymentView(props: { payment: Payment }) {
  const db = useDb()
  const fmt = useFormats()
  const p = () => props.payment
  const contact = createLive(
    () => getContact(db, p().contactId),
    () => p().contactId,
  )
  const invoices = createLive(
    () => listInvoices(db, { contactId: p().contactId }),
    () => p().contactId,
  )
  const numberOf = (invoiceId: string) => (invoices() ?? []).find((i) => i.id === invoiceId)?.number ?? 'draft'
  const inQuickBooks = createLive(
    () => isInQuickBooks(db, p().id),
    () => p().version,
    ['mappings', 'outbox'],
  )
  const [params, setParams] = useSearchParams()
  const navigate = useNavigate()
  const change = () => (p().voidedAt ? undefined : (params['change'] as string | undefined))
  const done = () => setParams({ change: undefined })
  return (
    <div class="stack">
      <PageHeader
        title={`Payment of ${fmt().money(p().amount)}`}
        back={{ href: '/payments', label: 'Payments' }}
        subtitle={
          <Show when={contact()} fallback="Deleted contact">
            {(c) => <A href={`/contacts/${c().id}`}>{c().displayName}</A>}
          </Show>
        }
        actions={
          <Show when={!change()}>
            <Show when={!p().voidedAt}>
              <button type="button" class="btn" onClick={() => setParams({ change: 'details' })}>
                Edit
              </button>
              <button
                type="button"
                class="btn"
                classList={{ 'btn-primary-solid': unappliedAmount(p()) > 0 }}
                onClick={() => setParams({ change: 'apply' })}
              >
                {unappliedAmount(p()) > 0 ? 'Apply to invoices' : 'Change invoices'}
              </button>
            </Show>
            <DeletePayment
              payment={p()}
              inQuickBooks={inQuickBooks() ?? false}
              numberOf={numberOf}
              onDeleted={() => navigate('/payments', { replace: true })}
            />
          </Show>
        }
      />
      <Switch>
        <Match when={change() === 'details'}>
          <PaymentEdit payment={p()} inQuickBooks={inQuickBooks() ?? false} onDone={done} />
        </Match>
        <Match when={change() === 'apply'}>
          <PaymentApply payment={p()} inQuickBooks={inQuickBooks() ?? false} onDone={done} />
        </Match>
      </Switch>
      <RecordSyncPanel kind="payment" id={p().id} version={p().version} />
      <div class="card">
        <h3>Details</h3>
        <dl class="dl">
          <Show when={p().voidedAt}>
            <dt>Status</dt>
            <dd data-testid="payment-voided">Voided in QuickBooks: it no longer pays any invoice</dd>
          </Show>
          <dt>Date</dt>
          <dd>{fmt().date(p().date)}</dd>
          <dt>Method</dt>
          <dd>{methodLabel(p().method)}</dd>
          <dt>Reference</dt>
          <dd>{p().reference ?? <span class="muted">None</span>}</dd>
          <dt>Applied to</dt>
          <dd>
            <Show when={p().applications.length > 0} fallback={<span class="muted">Not applied</span>}>
              <For each={p().applications}>
                {(a) => (
                  <div>
                    <A href={`/invoices/${a.invoiceId}`}>Invoice {numberOf(a.invoiceId)}</A>: {fmt().money(a.amount)}
                  </div>
                )}
              </For>
            </Show>
          </dd>
          <Show when={unappliedAmount(p()) > 0}>
            <dt>Not applied yet</dt>
            <dd>{fmt().money(unappliedAmount(p()))}</dd>
          </Show>
          <Show when={p().memo}>
            <dt>Memo</dt>
            <dd style={{ 'white-space': 'pre-wrap' }}>{p().memo}</dd>
          </Show>
        </dl>
      </div>
    </div>
  )
}
