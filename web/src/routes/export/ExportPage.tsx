/**
 * The Export screen (manual export): the finalized invoices and payments waiting for approval, with their dates and
 * totals; pick some or all and send them to QuickBooks as one batch. What went and what failed is in the sync log.
 */
import { A } from '@solidjs/router'
import { createMemo, createSignal, For, Show } from 'solid-js'
import { EmptyState } from '../../components/EmptyState.tsx'
import { PageHeader } from '../../components/PageHeader.tsx'
import { StatusPill } from '../../components/StatusPill.tsx'
import { getSettings } from '../../db/settings.ts'
import { useDb } from '../../state/db.ts'
import { useFormats } from '../../state/format.ts'
import { createLive } from '../../state/live.ts'
import { useSession } from '../../state/session.ts'
import { syncStatus } from '../../state/sync-status.ts'
import type { WaitingExport } from '../../sync/export-batch.ts'
import { mayApprove } from './approval.ts'
import { ExportModeSwitch } from './ExportModeSwitch.tsx'

const keyOf = (w: Pick<WaitingExport, 'kind' | 'localId'>) => `${w.kind}:${w.localId}`

export default function ExportPage() {
  const db = useDb()
  const fmt = useFormats()
  const sync = syncStatus()
  const qbo = useSession()
  const settings = createLive(() => getSettings(db), undefined, ['settings'])
  const waiting = createLive(() => sync.waitingForExport(), undefined, ['outbox', 'mappings', 'invoices', 'payments'])
  const [picked, setPicked] = createSignal<ReadonlySet<string>>(new Set())
  const [message, setMessage] = createSignal<string>()
  const list = () => waiting() ?? []
  const chosen = createMemo(() => list().filter((w) => picked().has(keyOf(w))))
  const total = () => chosen().reduce((s, w) => s + (w.kind === 'invoice' ? w.amount : 0), 0)
  const received = () => chosen().reduce((s, w) => s + (w.kind === 'payment' ? w.amount : 0), 0)
  const toggle = (k: string, on: boolean) => {
    const next = new Set(picked())
    if (on) next.add(k)
    else next.delete(k)
    setPicked(next)
  }
  const allPicked = () => list().length > 0 && chosen().length === list().length
  const send = async () => {
    setMessage(undefined)
    const picks = chosen().map(({ kind, localId }) => ({ kind, localId }))
    const r = await sync.exportNow(picks)
    setPicked(new Set<string>())
    setMessage(
      r.ok
        ? `${r.value.synced} sent to QuickBooks (with the customers and items they need), ${r.value.failed} failed.`
        : r.error.message,
    )
  }
  return (
    <div class="stack">
      <PageHeader title="Export to QuickBooks" back={{ href: '/sync', label: 'Sync' }} />
      <section class="card stack" data-testid="export-card">
        <Show when={settings()}>
          {(s) => <ExportModeSwitch manual={s().exportMode === 'manual'} onMessage={setMessage} />}
        </Show>
        <p class="muted">
          Sending creates the picked invoices and payments in QuickBooks, and any customer or item they use that is not
          there yet. Nothing else is sent. What went and what failed is listed in the <A href="/sync">sync log</A>.
        </p>
        <Show when={message()}>
          {(m) => (
            <p class="notice-box" role="status" data-testid="export-message">
              {m()}
            </p>
          )}
        </Show>
        <Show when={list().length > 0} fallback={<EmptyState title="Nothing waiting for approval" />}>
          <label class="choice">
            <input
              type="checkbox"
              checked={allPicked()}
              onChange={(e) => setPicked(new Set(e.currentTarget.checked ? list().map(keyOf) : []))}
            />{' '}
            Select all ({list().length})
          </label>
          <table class="table" data-testid="export-list">
            <thead>
              <tr>
                <th scope="col">Send</th>
                <th scope="col">Record</th>
                <th scope="col">Customer</th>
                <th scope="col">Date</th>
                <th scope="col" style={{ 'text-align': 'right' }}>
                  Amount
                </th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              <For each={list()}>
                {(w) => (
                  <tr data-testid="export-row">
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Send ${w.label}`}
                        checked={picked().has(keyOf(w))}
                        onChange={(e) => toggle(keyOf(w), e.currentTarget.checked)}
                        style={{ width: '24px', height: '24px' }}
                      />
                    </td>
                    <td>
                      <A href={`/${w.kind === 'invoice' ? 'invoices' : 'payments'}/${w.localId}`}>
                        {w.kind === 'invoice' ? w.label : `Payment · ${w.label}`}
                      </A>
                    </td>
                    <td>{w.contact}</td>
                    <td>{fmt().date(w.date)}</td>
                    <td style={{ 'text-align': 'right' }}>{fmt().money(w.amount)}</td>
                    <td>
                      <Show when={w.error} fallback={<StatusPill tone="approval">Waiting for approval</StatusPill>}>
                        {(e) => <span class="form-error">Last try failed: {e()}</span>}
                      </Show>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
          <div class="actions-row" style={{ 'align-items': 'center' }}>
            <span class="muted" data-testid="export-totals">
              {chosen().length} picked · invoices {fmt().money(total())} · payments {fmt().money(received())}
            </span>
            <Show when={mayApprove(qbo)} fallback={<span class="muted">Only an owner can approve exports.</span>}>
              <button
                type="button"
                class="btn btn-primary-solid"
                disabled={chosen().length === 0 || sync.state.running}
                onClick={() => void send()}
              >
                Send {chosen().length} to QuickBooks
              </button>
            </Show>
          </div>
        </Show>
      </section>
    </div>
  )
}
