/**
 * The header's Sync Now button. The badge counts local changes not yet in QuickBooks; the click handler is the
 * sync's entry point (until QuickBooks is connected it leads to Settings → Integrations). While QuickBooks has asked
 * us to slow down, the button says so with the seconds left, and a tap says it again instead of seeming to do
 * nothing (the sync goes by itself when the time comes).
 */
import { createSignal, onCleanup, Show } from 'solid-js'
import { createLive } from '../state/live.ts'
import { slowDownWords } from '../state/record-sync-state.ts'
import { useSyncRequests } from '../state/sync-requests.ts'

export function SyncNowButton(props: { pending: number | undefined; onClick: () => void; busy?: boolean }) {
  const requests = useSyncRequests()
  const attention = createLive(() => requests.attention(), undefined, ['outbox'])
  const [now, setNow] = createSignal(Date.now())
  const tick = setInterval(() => setNow(Date.now()), 1000)
  onCleanup(() => clearInterval(tick))
  const [told, setTold] = createSignal(false)
  const slowDown = () => {
    const until = attention()?.slowDownUntil
    return until !== undefined && until > now() ? slowDownWords(until, now()) : undefined
  }
  const label = () => {
    const n = props.pending ?? 0
    return n === 1 ? '1 change waiting to sync' : `${n} changes waiting to sync`
  }
  return (
    <div class="sync-now">
      <button
        type="button"
        class="btn btn-sync"
        onClick={() => {
          setTold(slowDown() !== undefined)
          props.onClick()
        }}
        disabled={props.busy}
        aria-describedby="pending-badge"
      >
        Sync Now
        <Show when={props.pending !== undefined}>
          <span
            id="pending-badge"
            class="badge"
            classList={{ 'badge-zero': props.pending === 0 }}
            data-testid="pending-count"
            title={label()}
            aria-label={label()}
          >
            {props.pending}
          </span>
        </Show>
      </button>
      <Show when={slowDown()}>
        {(words) => (
          <span
            role="status"
            data-testid="sync-slow-down"
            // On the header's brand colour: its own ink, bold once a tap asked while waiting.
            style={{ color: 'var(--brand-ink)', 'font-weight': told() ? '700' : '400' }}
          >
            {words()}
          </span>
        )}
      </Show>
    </div>
  )
}
