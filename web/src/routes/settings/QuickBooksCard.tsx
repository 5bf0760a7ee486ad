/**
 * Settings → Integrations → QuickBooks Online: Connect (or Reconnect) through a popup to the edge's
 * `/auth/intuit/connect`, then the company name, Connected, the last sync time, and Disconnect.
 */
import { A } from '@solidjs/router'
import { createSignal, onCleanup, onMount, Show } from 'solid-js'
import { ConnectMessage } from '../../../../shared/api/index.ts'
import { useDb } from '../../state/db.ts'
import { createLive } from '../../state/live.ts'
import { syncStatus } from '../../state/sync-status.ts'

export function QuickBooksCard() {
  const db = useDb()
  const sync = syncStatus()
  const [message, setMessage] = createSignal<string>()
  const lastSync = createLive(async () => (await db.syncLog.orderBy('seq').last())?.at)
  const onMessage = (e: MessageEvent) => {
    if (e.origin !== location.origin) return
    const m = ConnectMessage.safeParse(e.data)
    if (!m.success) return
    setMessage(m.data.status === 'connected' ? undefined : m.data.message)
    void sync.refreshSession()
  }
  onMount(() => {
    window.addEventListener('message', onMessage)
    void sync.refreshSession()
  })
  onCleanup(() => window.removeEventListener('message', onMessage))
  const connect = () => {
    const popup = window.open('/auth/intuit/connect?popup=1', 'qbo-connect', 'popup,width=520,height=680')
    if (!popup) location.href = '/auth/intuit/connect'
  }
  const disconnect = async () => {
    await fetch('/auth/disconnect', { method: 'POST', credentials: 'same-origin' }).catch(() => undefined)
    await sync.refreshSession()
  }
  const session = () => sync.state.session
  const linked = () => { const s = session(); return s?.connected ? s : undefined }
  return (
    <div class="integration" data-testid="qbo-card">
      <div class="stack">
        <strong>QuickBooks Online</strong>
        <Show when={linked()} fallback={
          <p class="muted">Not connected. Everything you record stays on this tablet and is queued; once connected, contacts, items, finalized invoices and payments go to QuickBooks.</p>
        }>
          {(s) => (
            <p>
              <span data-testid="qbo-company">{s().companyName ?? 'Your company'}</span> ·{' '}
              <span class="pill pill-synced" data-testid="qbo-connected">{s().needsReconnect ? 'Needs reconnect' : 'Connected'}</span>
              <Show when={lastSync()}>{(t) => <span class="muted"> · last sync {new Date(t()).toLocaleString()}</span>}</Show>
            </p>
          )}
        </Show>
        <Show when={message()}>{(m) => <p class="error" role="alert">{m()}</p>}</Show>
      </div>
      <div class="row">
        <Show when={session()?.connected && !session()?.needsReconnect} fallback={
          <button type="button" class="btn btn-primary" onClick={connect}>{session()?.needsReconnect ? 'Reconnect' : 'Connect'}</button>
        }>
          <A class="btn" href="/sync">Initial sync &amp; log</A>
          <button type="button" class="btn" onClick={() => void disconnect()}>Disconnect</button>
        </Show>
      </div>
    </div>
  )
}
