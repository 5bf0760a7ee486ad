/**
 * Deleting a payment, asked first in plain words: what happens in QuickBooks (deleted there too, or nothing,
 * since it never got there) and how much goes back onto each invoice it paid.
 */
import { createSignal, For, Show } from 'solid-js'
import type { Payment } from '#shared/domain/index.ts'
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx'
import { deletePayment } from '../../db/payments.ts'
import { useDb } from '../../state/db.ts'
import { useFormats } from '../../state/format.ts'
import { useRole } from '../../state/role.ts'

export function DeletePayment(props: {
  payment: Payment
  inQuickBooks: boolean
  numberOf: (invoiceId: string) => string
  onDeleted: () => void
}) {
  const db = useDb()
  const fmt = useFormats()
  const role = useRole()
  const [asking, setAsking] = createSignal(false)
  const [problem, setProblem] = createSignal<string>()
  const apps = () => props.payment.applications
  const remove = async () => {
    setAsking(false)
    const r = await deletePayment(db, props.payment.id)
    if (!r.ok) return setProblem(r.error.message)
    props.onDeleted()
  }
  // A delete in QuickBooks is the owner's or the office's: the crew's tablet does not offer it.
  return (
    <Show when={role.can('deleteInQuickBooks')}>
      <button type="button" class="btn btn-danger-outline" onClick={() => setAsking(true)}>
        Delete payment
      </button>
      <Show when={problem()}>
        <span class="form-error" role="alert">
          {problem()}
        </span>
      </Show>
      <ConfirmDialog
        open={asking()}
        title={`Delete this payment of ${fmt().money(props.payment.amount)}?`}
        confirmLabel="Delete payment"
        cancelLabel="Keep it"
        danger
        onConfirm={() => void remove()}
        onCancel={() => setAsking(false)}
      >
        <p data-testid="delete-payment-effect">
          <strong>
            {props.inQuickBooks
              ? 'This deletes the payment in QuickBooks too.'
              : 'This payment is not in QuickBooks yet, so it is only removed from this tablet.'}
          </strong>
        </p>
        <Show when={apps().length > 0} fallback={<p>It is not applied to any invoice, so no balance changes.</p>}>
          <Show
            when={apps().length > 1}
            fallback={
              <p>
                The invoice's balance goes back up by {fmt().money(apps()[0]!.amount)} (invoice{' '}
                {props.numberOf(apps()[0]!.invoiceId)}).
              </p>
            }
          >
            <p>The invoices' balances go back up:</p>
            <ul>
              <For each={apps()}>
                {(a) => (
                  <li>
                    Invoice {props.numberOf(a.invoiceId)}: up by {fmt().money(a.amount)}
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Show>
        <p class="muted">This cannot be undone. To change the amount instead, edit the payment.</p>
      </ConfirmDialog>
    </Show>
  )
}
