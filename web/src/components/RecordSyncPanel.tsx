/**
 * A record's QuickBooks state on its detail page, in words, with the way out of every state: Re-sync an edited
 * record, Retry a failed one, Reconnect, Rename or Link a duplicate name, fix the field QuickBooks refused, unlink
 * from a record deleted in QuickBooks and create it again (asked first, never done silently), say whether
 * QuickBooks has a payment held as unverified, pick what a record left at "Decide later" is (link, or create a new
 * one), or give an invoice whose number QuickBooks has the next free number. A throttled record counts down.
 */
import { A } from '@solidjs/router'
import { createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js'
import type { LocalId, SyncKind } from '#shared/domain/index.ts'
import { createSyncStates } from '../state/live-sync.ts'
import { createOnline } from '../state/online.ts'
import { useRole } from '../state/role.ts'
import { useSession } from '../state/session.ts'
import { UNVERIFIED_PAYMENT_CODE, useSyncRequests } from '../state/sync-requests.ts'
import { syncStatus } from '../state/sync-status.ts'
import { clashIn, isLinkable } from '../state/duplicate-clash.ts'
import { ConfirmDialog } from './ConfirmDialog.tsx'
import { HeldPaymentActions } from './HeldPaymentActions.tsx'
import { LinkToClashButton } from './LinkToClashButton.tsx'
import { SyncStateIcon, syncStateWords } from './SyncStateIcon.tsx'
import { slowDownWords } from '../state/record-sync-state.ts'
import { useInvoiceNumbers } from '../state/sync-requests.ts'

/** QuickBooks field names → the words on our forms. */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  DisplayName: 'name',
  Name: 'name',
  GivenName: 'first name',
  FamilyName: 'last name',
  CompanyName: 'company name',
  PrimaryEmailAddr: 'email',
  PrimaryPhone: 'phone',
  BillAddr: 'billing address',
  DocNumber: 'invoice number',
  TxnDate: 'date',
  DueDate: 'due date',
  Line: 'lines',
  TotalAmt: 'amount',
  UnitPrice: 'price',
  IncomeAccountRef: 'income account',
  ExpenseAccountRef: 'expense account',
  AssetAccountRef: 'inventory account',
  DepositToAccountRef: 'deposit account',
  FreeTextItemRef: 'QuickBooks item free-text lines post to',
}

export function fieldWords(field: string | undefined): string {
  const leaf = field?.split('.').at(0)
  return (leaf && FIELD_WORDS[leaf]) ?? 'details'
}

/** Where the user fixes a record of this kind, with the field to focus. */
export function editHref(kind: SyncKind, id: string, field?: string): string | undefined {
  const q = field ? `?field=${encodeURIComponent(field)}` : ''
  if (kind === 'contact') return `/contacts/${id}/edit${q}`
  if (kind === 'item') return `/pricebook/${id}${q}`
  if (kind === 'invoice') return `/invoices/${id}${q}`
  return undefined
}

/** The page that shows a record of this kind. */
export function recordHref(kind: SyncKind, id: string): string | undefined {
  if (kind === 'contact') return `/contacts/${id}`
  if (kind === 'item') return `/pricebook/${id}`
  if (kind === 'invoice') return `/invoices/${id}`
  if (kind === 'payment') return `/payments/${id}`
  return undefined
}

export function RecordSyncPanel(props: { kind: SyncKind; id: LocalId; version: number; draft?: boolean }) {
  const requests = useSyncRequests()
  const sync = syncStatus()
  const qbo = useSession()
  const roleView = useRole()
  const online = createOnline()
  // Retries, links and match answers are the owner's or the office's; a crew tablet sees every state, not these.
  const decides = () => roleView.can('decisions')
  const states = createSyncStates(props.kind)
  const state = () => states(props.id, { version: props.version, ...(props.draft ? { draft: true } : {}) })
  const [asking, setAsking] = createSignal(false)
  const [note, setNote] = createSignal<string>()
  const key = () => ({ kind: props.kind, localId: props.id })
  const sendNow = async () => {
    setNote(undefined)
    await requests.retry([key()])
    if (!online()) return setNote('Queued: will send when online.')
    if (!qbo.connected()) return setNote('Connect QuickBooks in Settings to send it.')
    const r = await sync.syncNow()
    if (!r.ok) setNote(r.error.message)
  }
  const numbers = useInvoiceNumbers()
  const [now, setNow] = createSignal(Date.now())
  const tick = setInterval(() => setNow(Date.now()), 1000)
  onCleanup(() => clearInterval(tick))
  const slowDown = () => {
    const s = state()
    return s?.tone === 'pending' && s.slowDownUntil !== undefined ? slowDownWords(s.slowDownUntil, now()) : undefined
  }
  /** "Link to …" on a record left undecided: the QuickBooks record it is, from now on. */
  const linkTo = async (qboId: string) => {
    setNote(undefined)
    const r = await sync.link({ kind: props.kind as 'contact', localId: props.id, qboId })
    setNote(r.ok ? 'Linked.' : r.error.message)
  }
  const nextNumber = async () => {
    setNote(undefined)
    const r = await numbers.useNextFree(props.id)
    if (!r.ok) return setNote(r.error.message)
    setNote(`Now invoice ${r.value.number ?? ''}.`)
    await sendNow()
  }
  const unlink = async () => {
    setAsking(false)
    await requests.unlinkAndRecreate(key(), props.version)
    await sendNow()
  }
  return (
    <section class="sync-panel" data-testid="record-sync" aria-label="QuickBooks">
      <SyncStateIcon state={state()} online={online()} />
      <div class="sync-panel-words">
        <Show when={state()} fallback={<span class="muted">Checking QuickBooks state…</span>}>
          {(s) => <span data-testid="record-sync-words">{slowDown() ?? syncStateWords(s(), online())}</span>}
        </Show>
        <Show when={note()}>
          {(n) => (
            <span class="muted" role="status">
              {n()}
            </span>
          )}
        </Show>
      </div>
      <div class="sync-panel-actions">
        <Switch>
          <Match
            when={(() => {
              const s = state()
              return s?.tone === 'waiting' && decides() ? s : undefined
            })()}
          >
            {(w) => (
              <>
                <For each={w().choices}>
                  {(c) => (
                    <button
                      type="button"
                      class="btn btn-primary-solid"
                      disabled={!online() || sync.state.running}
                      onClick={() => void linkTo(c.qboId)}
                    >
                      Link to “{c.label}”
                    </button>
                  )}
                </For>
                <button
                  type="button"
                  class="btn"
                  disabled={!online() || sync.state.running}
                  onClick={() => void sendNow()}
                >
                  Create a new one in QuickBooks
                </button>
              </>
            )}
          </Match>
          <Match when={state()?.tone === 'approval'}>
            <A class="btn" href="/export">
              Review on the Export screen
            </A>
          </Match>
          <Match when={state()?.tone === 'pending'}>
            <button type="button" class="btn" disabled={!online() || sync.state.running} onClick={() => void sendNow()}>
              Re-sync
            </button>
          </Match>
          <Match
            when={(() => {
              const s = state()
              return s?.tone === 'failed' ? s : undefined
            })()}
          >
            {(f) => (
              <>
                <Show when={f().action === 'reconnect'}>
                  <A class="btn btn-primary-solid" href="/settings">
                    Reconnect QuickBooks
                  </A>
                </Show>
                <Show when={f().action === 'fix-field' && f().fixIn === 'settings'}>
                  <A class="btn" href="/settings">
                    Choose the {fieldWords(f().field)} in Settings
                  </A>
                </Show>
                <Show
                  when={
                    ((f().action === 'rename-or-link' && decides()) ||
                      (f().action === 'fix-field' && f().fixIn === 'record')) &&
                    editHref(props.kind, props.id, f().field)
                  }
                >
                  {(href) => (
                    <A class="btn" href={href()}>
                      {f().action === 'rename-or-link' ? 'Rename' : `Fix the ${fieldWords(f().field)}`}
                    </A>
                  )}
                </Show>
                <Show when={f().action === 'rename-or-link' && isLinkable(props.kind) && clashIn(f().message)}>
                  {(clash) => (
                    <LinkToClashButton
                      kind={props.kind as 'contact'}
                      localId={props.id}
                      clash={clash()}
                      onNote={setNote}
                    />
                  )}
                </Show>
                <Show when={f().action === 'use-next-number' && props.kind === 'invoice'}>
                  <button
                    type="button"
                    class="btn btn-primary-solid"
                    disabled={sync.state.running}
                    onClick={() => void nextNumber()}
                  >
                    Use the next free number
                  </button>
                </Show>
                <Show when={f().action === 'unlink-and-recreate' && decides()}>
                  <button type="button" class="btn" onClick={() => setAsking(true)}>
                    Unlink and create again
                  </button>
                </Show>
                <Show
                  when={f().code === UNVERIFIED_PAYMENT_CODE}
                  fallback={
                    <Show when={decides()}>
                      <button
                        type="button"
                        class="btn btn-primary-solid"
                        disabled={sync.state.running}
                        onClick={() => void sendNow()}
                      >
                        Retry
                      </button>
                    </Show>
                  }
                >
                  <HeldPaymentActions localId={props.id} onNote={setNote} />
                </Show>
              </>
            )}
          </Match>
        </Switch>
      </div>
      <ConfirmDialog
        open={asking()}
        title="Create it again in QuickBooks?"
        confirmLabel="Unlink and create"
        onConfirm={() => void unlink()}
        onCancel={() => setAsking(false)}
      >
        <p>
          QuickBooks no longer has the record this one was linked to. Fieldsync will forget that link and create a new
          one in QuickBooks from what is on this tablet. Nothing here is deleted.
        </p>
      </ConfirmDialog>
    </section>
  )
}
