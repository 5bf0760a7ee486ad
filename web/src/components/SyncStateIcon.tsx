/**
 * A record's QuickBooks state as a compact icon for list rows: green check (up to date), yellow clock (edited
 * since the last sync), red X (failed), grey dash (never sent, or a draft). The words are in the title and the
 * accessible name, so the icon is never the only signal.
 */
import { Show } from 'solid-js'
import type { RecordSyncState } from '../state/record-sync-state.ts'

const GLYPH: Record<RecordSyncState['tone'], string> = {
  synced: 'M5 12.5l4.2 4.2L19 7',
  pending: 'M12 7v5l3.2 2',
  failed: 'M7 7l10 10M17 7L7 17',
  none: 'M7 12h10',
}

export function syncStateWords(s: RecordSyncState, online = true): string {
  if (s.tone === 'pending' && !online) return s.offlineNote
  if (s.tone === 'failed') return `${s.label}: ${s.message}`
  return s.label
}

export function SyncStateIcon(props: { state: RecordSyncState | undefined; online?: boolean }) {
  return (
    <Show when={props.state} fallback={<span class="sync-icon sync-icon-loading" aria-hidden="true" />}>
      {(s) => (
        <span
          class={`sync-icon sync-icon-${s().tone}`}
          role="img"
          data-testid="sync-state"
          data-state={s().tone}
          aria-label={`QuickBooks: ${syncStateWords(s(), props.online ?? true)}`}
          title={syncStateWords(s(), props.online ?? true)}
        >
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
            <Show when={s().tone === 'pending'}>
              <circle cx="12" cy="12" r="8" fill="none" stroke="currentColor" stroke-width="2.2" />
            </Show>
            <path
              d={GLYPH[s().tone]}
              fill="none"
              stroke="currentColor"
              stroke-width="2.6"
              stroke-linecap="round"
              stroke-linejoin="round"
            />
          </svg>
        </span>
      )}
    </Show>
  )
}
