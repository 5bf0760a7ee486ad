/**
 * What stops sync, said on every page with the way out: Reconnect when QuickBooks refused the sign-in, the first
 * sync's review when it is still to do, "queued" when the server cannot be reached, and how many records QuickBooks
 * refused (to the log, where each has Retry).
 */
import { A, useLocation } from '@solidjs/router'
import { Show } from 'solid-js'
import { useDb } from '../state/db.ts'
import { createLive } from '../state/live.ts'
import { failedRecords } from '../db/sync-requests.ts'
import { syncStatus } from '../state/sync-status.ts'

export function SyncBanner() {
  const db = useDb()
  const sync = syncStatus()
  const failed = createLive(async () => (await failedRecords(db)).length)
  const reconnect = () => sync.state.error?.kind === 'needs_reconnect' || (sync.state.session?.needsReconnect ?? false)
  const location = useLocation()
  // On the Sync screen the initial sync panel itself says it.
  const initial = () => (sync.state.error?.kind === 'needs_initial_sync' && location.pathname !== '/sync' ? sync.state.error : undefined)
  return (
    <Show when={reconnect() || initial() || sync.state.error?.kind === 'fault' || (failed() ?? 0) > 0}>
      <div class="sync-banner" classList={{ 'next-step': !reconnect() && !!initial() }} role="status" data-testid="sync-banner">
        <Show when={!reconnect() && initial()}>
          {(e) => <><span>{e().message}</span><A class="btn btn-primary-solid" href="/sync">Review first sync</A></>}
        </Show>
        <Show when={!initial() || reconnect()}>
        <Show when={reconnect()} fallback={
          <Show when={sync.state.error?.kind === 'fault' && sync.state.error} fallback={
            <><span>{failed()} record{failed() === 1 ? '' : 's'} could not be sent to QuickBooks.</span><A class="btn" href="/sync">Review</A></>
          }>
            {(e) => <span>{e().message}</span>}
          </Show>
        }>
          <span>{sync.state.error?.kind === 'needs_reconnect' ? sync.state.error.message : 'QuickBooks needs you to reconnect. Sync is paused; nothing is lost.'}</span>
          <A class="btn btn-primary-solid" href="/settings">Reconnect</A>
        </Show>
        </Show>
      </div>
    </Show>
  )
}
