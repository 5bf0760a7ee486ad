/**
 * The two answers to a payment held as unverified (sent, no answer came back, and nothing finds it in QuickBooks),
 * each asked first: "It is in QuickBooks — link it" picks the QuickBooks payment among the customer's payments of
 * that amount near that date (or takes its Id), and "It is not in QuickBooks — send it" lets the claim go, so the
 * next sync sends it as a new request. On the payment's sync panel and on its sync log row.
 */
import { createSignal, For, Show } from 'solid-js'
import type { LocalId } from '#shared/domain/index.ts'
import { useFormats } from '../state/format.ts'
import { connectivity } from '../state/online.ts'
import { useRole } from '../state/role.ts'
import { useSyncRequests, type QboPaymentChoice } from '../state/sync-requests.ts'
import { syncStatus } from '../state/sync-status.ts'
import { ConfirmDialog } from './ConfirmDialog.tsx'
import { TextField } from './Field.tsx'

export function HeldPaymentActions(props: { localId: LocalId; onNote: (note: string | undefined) => void }) {
  const requests = useSyncRequests()
  const sync = syncStatus()
  const fmt = useFormats()
  const role = useRole()
  const [asking, setAsking] = createSignal<'link' | 'send'>()
  const [choices, setChoices] = createSignal<QboPaymentChoice[]>()
  const [problem, setProblem] = createSignal<string>()
  const [picked, setPicked] = createSignal('')
  const askLink = async () => {
    setChoices(undefined)
    setProblem(undefined)
    setPicked('')
    setAsking('link')
    const r = await sync.heldPaymentChoices(props.localId)
    if (!r.ok) return setProblem(r.error.message)
    setChoices(r.value)
    if (r.value.length === 1) setPicked(r.value[0]!.qboId)
  }
  const link = async () => {
    const qboId = picked().trim()
    setAsking(undefined)
    // Props are read before the await: the row holding these actions may close once the answer is written.
    const { localId, onNote } = props
    onNote(undefined)
    const r = await sync.linkHeldPayment({ localId, qboId })
    onNote(r.ok ? `Linked to QuickBooks payment ${qboId}. Nothing more is sent for it.` : r.error.message)
  }
  const send = async () => {
    setAsking(undefined)
    const { localId, onNote } = props
    onNote(undefined)
    await requests.resendHeldPayment(localId)
    if (!(await connectivity().check())) return onNote('Queued: will send when online.')
    const r = await sync.syncNow()
    onNote(r.ok ? undefined : r.error.message)
  }
  const listed = (id: string) => (choices() ?? []).some((c) => c.qboId === id)
  // Both answers are decisions (the owner's or the office's); a crew tablet only sees the payment is held.
  return (
    <Show when={role.can('decisions')}>
      <button type="button" class="btn" disabled={sync.state.running} onClick={() => void askLink()}>
        It is in QuickBooks — link it
      </button>
      <button type="button" class="btn" disabled={sync.state.running} onClick={() => setAsking('send')}>
        It is not in QuickBooks — send it
      </button>
      <ConfirmDialog
        open={asking() === 'link'}
        title="Which QuickBooks payment is it?"
        confirmLabel="Link it"
        confirmDisabled={picked().trim() === ''}
        onConfirm={() => void link()}
        onCancel={() => setAsking(undefined)}
      >
        <p>Fieldsync will treat it as this payment and send nothing more for it, so it is not recorded twice.</p>
        <Show when={problem()}>
          {(p) => (
            <p class="form-error" role="alert">
              {p()}
            </p>
          )}
        </Show>
        <Show
          when={choices()}
          fallback={
            <Show when={!problem()}>
              <p class="muted">Looking in QuickBooks…</p>
            </Show>
          }
        >
          {(list) => (
            <Show
              when={list().length > 0}
              fallback={
                <p class="muted">
                  QuickBooks has no payment of this amount from this customer within a week of its date.
                </p>
              }
            >
              <fieldset class="choice-list">
                <legend class="field-label">This customer's QuickBooks payments of this amount, near its date</legend>
                <For each={list()}>
                  {(c) => (
                    <label class="choice">
                      <input
                        type="radio"
                        name="held-payment"
                        checked={picked() === c.qboId}
                        onChange={() => setPicked(c.qboId)}
                      />
                      <span>
                        {fmt().date(c.date)} · {fmt().money(c.amount)}
                        {c.reference ? ` · reference ${c.reference}` : ''} · QuickBooks Id {c.qboId}
                        <Show when={c.note}>
                          {(n) => (
                            <>
                              <br />
                              <span class="muted small">{n()}</span>
                            </>
                          )}
                        </Show>
                      </span>
                    </label>
                  )}
                </For>
              </fieldset>
            </Show>
          )}
        </Show>
        <TextField
          label="Not listed? Its QuickBooks Id"
          hint="The number after txnId= in the payment's address in QuickBooks."
          inputMode="numeric"
          value={listed(picked()) ? '' : picked()}
          onValue={setPicked}
        />
      </ConfirmDialog>
      <ConfirmDialog
        open={asking() === 'send'}
        title="Send this payment to QuickBooks?"
        confirmLabel="Send it"
        danger
        onConfirm={() => void send()}
        onCancel={() => setAsking(undefined)}
      >
        <p>
          Only if you have checked this customer's payments in QuickBooks and it is not there. If it is there, sending
          it records the money twice.
        </p>
      </ConfirmDialog>
    </Show>
  )
}
