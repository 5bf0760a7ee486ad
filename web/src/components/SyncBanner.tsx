/**
 * What stops sync, said on every page with the way out: Reconnect when QuickBooks refused the sign-in, the first
 * sync's review when it is still to do, "queued" when the server cannot be reached, and how many records QuickBooks
 * refused (to the log, where each has Retry).
 */
import { A, useLocation } from '@solidjs/router'
import { Match, Show, Switch } from 'solid-js'
import { createLive } from '../state/live.ts'
import { useSession } from '../state/session.ts'
import { useSyncRequests } from '../state/sync-requests.ts'
import { syncStatus } from '../state/sync-status.ts'

export function SyncBanner() {
  const requests = useSyncRequests()
  const sync = syncStatus()
  const qbo = useSession()
  // Records waiting for a decision and throttled ones are not refusals: they are said on their pages.
  const failed = createLive(async () => (await requests.failed()).length, undefined, ['outbox'])
  const reconnect = () => sync.state.error?.kind === 'needs_reconnect' || (qbo.session()?.needsReconnect ?? false)
  const location = useLocation()
  // On the Sync screen the initial sync panel itself says it.
  const initial = () =>
    sync.state.error?.kind === 'needs_initial_sync' && location.pathname !== '/sync' ? sync.state.error : undefined
  const fault = () => (sync.state.error?.kind === 'fault' ? sync.state.error : undefined)
  // One message, the most pressing first: nothing moves until a reconnect; the first sync is the next step.
  return (
    <Show when={reconnect() || initial() || fault() || (failed() ?? 0) > 0}>
      <div
        class="sync-banner"
        classList={{ 'next-step': !reconnect() && !!initial() }}
        role="status"
        data-testid="sync-banner"
      >
        <Switch
          fallback={
            <>
              <span>
                {failed()} record{failed() === 1 ? '' : 's'} could not be sent to QuickBooks.
              </span>
              <A class="btn" href="/sync">
                Review
              </A>
            </>
          }
        >
          <Match when={reconnect()}>
            <span>
              {sync.state.error?.kind === 'needs_reconnect'
                ? sync.state.error.message
                : 'QuickBooks needs you to reconnect. Sync is paused; nothing is lost.'}
            </span>
            <A class="btn btn-primary-solid" href="/settings">
              Reconnect
            </A>
          </Match>
          <Match when={initial()}>
            {(e) => (
              <>
                <span>{e().message}</span>
                <A class="btn btn-primary-solid" href="/sync">
                  Review first sync
                </A>
              </>
            )}
          </Match>
          <Match when={fault()}>{(e) => <span>{e().message}</span>}</Match>
        </Switch>
      </div>
    </Show>
  )
}
