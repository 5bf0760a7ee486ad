/**
 * The Void action of a finalized invoice. QuickBooks voids an invoice only once nothing is paid on it, and so
 * does this app: while payments are applied, the button says how to get there (remove or move them, each one a
 * tap away) instead of failing; without payments it asks, then voids.
 */
import { A, useNavigate } from '@solidjs/router'
import { createSignal, For, Show } from 'solid-js'
import type { Invoice } from '#shared/domain/index.ts'
import { voidInvoice } from '../../db/invoices.ts'
import { paymentsOnInvoice } from '../../db/payments.ts'
import { useDb } from '../../state/db.ts'
import { useFormats } from '../../state/format.ts'
import { createLive } from '../../state/live.ts'
import { useRole } from '../../state/role.ts'
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx'

export function VoidInvoiceButton(props: { invoice: Invoice; onProblem: (message: string | undefined) => void }) {
  const db = useDb()
  const fmt = useFormats()
  const navigate = useNavigate()
  const role = useRole()
  const payments = createLive(
    () => paymentsOnInvoice(db, props.invoice),
    () => props.invoice.id,
    ['payments'],
  )
  const [asking, setAsking] = createSignal(false)
  const count = () => payments()?.length ?? 0
  const title = () => (props.invoice.number ? `Invoice ${props.invoice.number}` : 'this invoice')
  const howTo = () =>
    count() === 1 ? 'Remove or move its payment first' : `Remove or move its ${count()} payments first`
  const run = async () => {
    setAsking(false)
    props.onProblem(undefined)
    const r = await voidInvoice(db, props.invoice.id)
    if (!r.ok) props.onProblem(r.error.message)
  }
  const appliedHere = (p: { applications: { invoiceId: string; amount: number }[] }) =>
    p.applications.find((a) => a.invoiceId === props.invoice.id)?.amount ?? 0
  // Voiding is a delete in QuickBooks: left off the page for a role the edge would refuse it to.
  return (
    <Show when={role.can('deleteInQuickBooks')}>
      <button
        type="button"
        class="btn btn-danger-outline"
        aria-describedby={count() > 0 ? 'void-how' : undefined}
        onClick={() => setAsking(true)}
      >
        Void
      </button>
      <Show when={count() > 0}>
        <span id="void-how" class="muted small" data-testid="void-how">
          {howTo()}
        </span>
      </Show>
      <Show
        when={count() === 0}
        fallback={
          <ConfirmDialog
            open={asking()}
            title={howTo()}
            confirmLabel={count() === 1 ? 'Open the payment' : 'Open the first payment'}
            onConfirm={() => {
              setAsking(false)
              const first = payments()?.[0]
              if (first) navigate(`/payments/${first.id}`)
            }}
            onCancel={() => setAsking(false)}
          >
            <p>
              {title()} has money paid on it, so it cannot be voided yet. Open each payment below, then delete it, or
              use “Change invoices” to put the money on another invoice. Then void this one.
            </p>
            <ul class="choice-list" style={{ 'list-style': 'none', padding: 0 }}>
              <For each={payments()}>
                {(p) => (
                  <li>
                    <A class="btn" href={`/payments/${p.id}`}>
                      Payment of {fmt().date(p.date)} · {fmt().money(appliedHere(p))}
                    </A>
                  </li>
                )}
              </For>
            </ul>
          </ConfirmDialog>
        }
      >
        <ConfirmDialog
          open={asking()}
          title={`Void ${title()}?`}
          confirmLabel="Void invoice"
          danger
          onConfirm={() => void run()}
          onCancel={() => setAsking(false)}
        >
          <p>The invoice stays on record with a zero balance and is voided in QuickBooks too. This cannot be undone.</p>
        </ConfirmDialog>
      </Show>
    </Show>
  )
}
