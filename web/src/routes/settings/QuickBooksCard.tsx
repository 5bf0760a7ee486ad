/**
 * Settings → Integrations → QuickBooks Online: Connect (or Reconnect, with the reason) through a popup to the
 * edge's `/auth/intuit/connect`; once connected the company name, Connected, the last sync time, a warning
 * when the sign-in nears its 100 days, the sync settings, and Disconnect in the card's menu (keep the links,
 * so a reconnect relinks, or clear them). Disconnecting revokes the tokens at Intuit and deletes no record.
 */
import { A } from '@solidjs/router'
import { createSignal, onCleanup, onMount, Show } from 'solid-js'
import { ConnectMessage, DisconnectResponse } from '#shared/api/index.ts'
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx'
import { getSettings } from '../../db/settings.ts'
import { useDb } from '../../state/db.ts'
import { useFormats } from '../../state/format.ts'
import { createLive } from '../../state/live.ts'
import { ownerDisconnected } from '../../state/owner-disconnected.ts'
import { cardState } from '../../state/qbo-connection.ts'
import { clearMappings } from '../../db/sync-requests.ts'
import { useRole } from '../../state/role.ts'
import { useSession } from '../../state/session.ts'
import { disconnectReach, roleLabels } from '../../state/team-labels.ts'
import { lastSyncAt, linkCount } from '../../state/sync-log-reads.ts'
import { logTime } from '../../state/sync-log-view.ts'
import { syncStatus } from '../../state/sync-status.ts'
import { QuickBooksSettings } from './QuickBooksSettings.tsx'

export function QuickBooksCard() {
  const db = useDb()
  const fmt = useFormats()
  const sync = syncStatus()
  const qbo = useSession()
  const role = useRole()
  const [message, setMessage] = createSignal<string>()
  const [menuOpen, setMenuOpen] = createSignal(false)
  const [asking, setAsking] = createSignal(false)
  const [keepLinks, setKeepLinks] = createSignal(true)
  const lastSync = createLive(() => lastSyncAt(db), undefined, ['syncLog'])
  const links = createLive(() => linkCount(db), undefined, ['mappings'])
  const onMessage = (e: MessageEvent) => {
    if (e.origin !== location.origin) return
    const m = ConnectMessage.safeParse(e.data)
    if (!m.success) return
    setMessage(m.data.status === 'connected' ? undefined : m.data.message)
    void qbo.refresh().then((s) => {
      // A new grant clears the engine's "reconnect" error and starts the pulls again.
      if (!s?.connected || s.needsReconnect) return
      sync.clearError()
      void getSettings(db).then((st) => sync.start(st.pullIntervalMinutes))
    })
  }
  onMount(() => {
    window.addEventListener('message', onMessage)
    void qbo.refresh()
  })
  onCleanup(() => window.removeEventListener('message', onMessage))
  const connect = () => {
    setMessage(undefined)
    const popup = window.open('/auth/intuit/connect?popup=1', 'qbo-connect', 'popup,width=520,height=680')
    if (!popup) location.href = '/auth/intuit/connect'
  }
  const disconnect = async () => {
    setAsking(false)
    setMenuOpen(false)
    let revoked = false
    try {
      const res = await fetch('/auth/disconnect', { method: 'POST', credentials: 'same-origin' })
      const body = DisconnectResponse.safeParse(await res.json())
      revoked = body.success && body.data.revoked
      if (!res.ok)
        return setMessage('QuickBooks could not be disconnected right now. Check the connection and try again.')
    } catch {
      return setMessage('Fieldsync could not reach its server to disconnect. Try again when online.')
    }
    const cleared = keepLinks() ? 0 : await clearMappings(db)
    await qbo.refresh()
    setMessage(
      [
        'Disconnected from QuickBooks. Nothing was deleted, here or in QuickBooks.',
        revoked
          ? ''
          : 'QuickBooks did not confirm the sign-in was revoked; ' +
            'you can also remove Fieldsync under Apps in QuickBooks.',
        keepLinks()
          ? 'Links are kept: reconnecting the same company picks up where you left off.'
          : `${cleared} links cleared: the next connection matches records again.`,
      ]
        .filter(Boolean)
        .join(' '),
    )
  }
  const view = () => cardState(qbo.session(), sync.state.error, Date.now())
  const deviceCount = () => {
    const s = qbo.session()
    return s?.connected ? s.deviceCount : undefined
  }
  const thisDevice = () => {
    const s = qbo.session()
    return s?.connected ? s.device : undefined
  }
  const companyName = () => {
    const s = qbo.session()
    return (s?.connected ? s.companyName : null) ?? 'this company'
  }
  return (
    <div class="integration stack" data-testid="qbo-card">
      <div class="integration-head">
        <div class="stack" style={{ gap: '4px', flex: 1 }}>
          <strong>QuickBooks Online</strong>
          <Show when={view().state === 'disconnected'}>
            <p class="muted">
              Not connected. Everything you record stays on this tablet and is queued; once connected, contacts, items,
              finalized invoices and payments go to QuickBooks. Someone on your team already connected? Join their
              company with a code from the owner.
            </p>
            <Show when={ownerDisconnected()}>
              <p class="warning-box" data-testid="owner-disconnected">
                The company's owner disconnected QuickBooks, so this device no longer syncs with it. To sync again, join
                with a new code from the owner. Everything recorded here is kept.
              </p>
            </Show>
          </Show>
          <Show
            when={(() => {
              const v = view()
              return v.state === 'connected' ? v : undefined
            })()}
          >
            {(v) => (
              <p>
                <span data-testid="qbo-company">{v().companyName}</span> ·{' '}
                <span class="pill pill-synced" data-testid="qbo-connected">
                  Connected
                </span>
                <span class="muted" data-testid="qbo-last-sync">
                  {' '}
                  · {lastSync() ? `last sync ${logTime(lastSync()!, fmt().locale)}` : 'not synced yet'}
                </span>
                <Show when={thisDevice()}>
                  {(d) => (
                    <span class="muted" data-testid="this-device">
                      <br />
                      This device: {d().name} · {roleLabels[d().role]}
                    </span>
                  )}
                </Show>
              </p>
            )}
          </Show>
          <Show
            when={(() => {
              const v = view()
              return v.state === 'reconnect' ? v : undefined
            })()}
          >
            {(v) => (
              <>
                <p>
                  <Show when={v().companyName}>
                    {(n) => (
                      <>
                        <span data-testid="qbo-company">{n()}</span> ·{' '}
                      </>
                    )}
                  </Show>
                  <span class="pill pill-error" data-testid="qbo-connected">
                    Needs reconnect
                  </span>
                </p>
                <p class="warning-box" role="alert" data-testid="qbo-reconnect-reason">
                  {v().reason}
                </p>
              </>
            )}
          </Show>
        </div>
        <div class="row">
          <Show when={view().state === 'disconnected'}>
            <A class="btn" classList={{ 'btn-primary-solid': ownerDisconnected() }} href="/join">
              Join a company
            </A>
          </Show>
          <Show
            when={view().state === 'connected'}
            fallback={
              <Show
                when={role.can('connection')}
                fallback={<span class="muted">Ask the company's owner to reconnect QuickBooks.</span>}
              >
                <button type="button" class="btn btn-primary-solid" onClick={connect}>
                  {view().state === 'reconnect' ? 'Reconnect' : 'Connect'}
                </button>
              </Show>
            }
          >
            <A class="btn" href="/sync">
              Initial sync &amp; log
            </A>
          </Show>
          <Show when={qbo.connected() && role.can('connection')}>
            <div class="menu">
              <button
                type="button"
                class="btn"
                aria-haspopup="menu"
                aria-expanded={menuOpen()}
                aria-label="More QuickBooks actions"
                onClick={() => setMenuOpen(!menuOpen())}
              >
                ⋯
              </button>
              <Show when={menuOpen()}>
                <div class="menu-list" role="menu">
                  <button
                    type="button"
                    role="menuitem"
                    class="btn btn-quiet"
                    onClick={() => {
                      setMenuOpen(false)
                      setAsking(true)
                      // The question says how many devices it ends: devices may have joined since the last answer.
                      void qbo.refresh()
                    }}
                  >
                    Disconnect…
                  </button>
                </div>
              </Show>
            </div>
          </Show>
        </div>
      </div>
      <Show
        when={(() => {
          const v = view()
          return v.state === 'connected' ? v.tokenWarning : undefined
        })()}
      >
        {(w) => (
          <p class="warning-box" role="status" data-testid="qbo-token-warning">
            {w()}
          </p>
        )}
      </Show>
      <Show when={message()}>
        {(m) => (
          <p class="notice-box" role="status" data-testid="qbo-message">
            {m()}
          </p>
        )}
      </Show>
      <Show
        when={(() => {
          const v = view()
          return v.state === 'connected' ? v.realmId : undefined
        })()}
      >
        {(realm) => <QuickBooksSettings realmId={realm()} />}
      </Show>
      <ConfirmDialog
        open={asking()}
        title="Disconnect QuickBooks?"
        confirmLabel="Disconnect"
        danger
        onConfirm={() => void disconnect()}
        onCancel={() => setAsking(false)}
      >
        <p>
          Sync stops and Fieldsync's access to QuickBooks is revoked. No record is deleted, here or in QuickBooks;
          changes you make keep queuing.
        </p>
        <p data-testid="disconnect-reach">
          <strong>{disconnectReach(deviceCount(), companyName())}</strong>
        </p>
        <fieldset class="choice-list">
          <legend class="field-label">The links between {links() ?? 0} records here and in QuickBooks</legend>
          <label class="choice">
            <input type="radio" name="links" checked={keepLinks()} onChange={() => setKeepLinks(true)} /> Keep them
            (reconnecting the same company relinks everything)
          </label>
          <label class="choice">
            <input type="radio" name="links" checked={!keepLinks()} onChange={() => setKeepLinks(false)} /> Clear them
            (for connecting a different company)
          </label>
        </fieldset>
      </ConfirmDialog>
    </div>
  )
}
