/**
 * The header's Sync Now button. The badge counts local changes not yet in
 * QuickBooks; the click handler is the sync's entry point (until QuickBooks is
 * connected it leads to Settings → Integrations).
 */
import { Show } from 'solid-js'

export function SyncNowButton(props: { pending: number | undefined; onClick: () => void; busy?: boolean }) {
  const label = () => {
    const n = props.pending ?? 0
    return n === 1 ? '1 change waiting to sync' : `${n} changes waiting to sync`
  }
  return (
    <button
      type="button"
      class="btn btn-sync"
      onClick={() => props.onClick()}
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
  )
}
