/**
 * A record's QuickBooks state as a compact icon for list rows: green check (up to date), yellow clock (edited
 * since the last sync), blue question mark (waiting for the user's decision), red X (failed), grey dash (never
 * sent, or a draft), violet tray (waiting for approval under manual export). The words are in the title and the
 * accessible name, so the icon is never the only signal.
 *
 * One element and one update per state change: a list shows a few dozen of these and renders new ones on every
 * keystroke of a search, so the glyphs are fixed markup rather than components.
 */
import { createMemo, type JSX } from 'solid-js'
import type { RecordSyncState } from '../state/record-sync-state.ts'

const stroke = 'fill="none" stroke="currentColor" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"'
const svg = (body: string) => `<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">${body}</svg>`

const GLYPH: Record<RecordSyncState['tone'], string> = {
  synced: svg(`<path d="M5 12.5l4.2 4.2L19 7" ${stroke}/>`),
  pending: svg(
    `<circle cx="12" cy="12" r="8" fill="none" stroke="currentColor" stroke-width="2.2"/><path d="M12 7v5l3.2 2" ${stroke}/>`,
  ),
  // A question: the record waits for the user's decision, not for the sync.
  waiting: svg(
    `<path d="M8.8 9.2a3.3 3.3 0 1 1 4.6 3c-.9.4-1.4 1.1-1.4 2v.6" ${stroke}/><circle cx="12" cy="18.4" r="1.4" fill="currentColor"/>`,
  ),
  // An export tray: the record waits for someone to approve sending it, on the Export screen.
  approval: svg(`<path d="M12 15V5M8 9l4-4 4 4" ${stroke}/><path d="M5 15v4h14v-4" ${stroke}/>`),
  failed: svg(`<path d="M7 7l10 10M17 7L7 17" ${stroke}/>`),
  none: svg(`<path d="M7 12h10" ${stroke}/>`),
}

/** The stylesheet has no rule for these tones yet: the info colours, as the pills use, and the approval violet. */
const WAITING_STYLE = { background: 'var(--info-soft)', color: 'var(--info)' }
export const APPROVAL_STYLE = { background: '#efe9fb', color: '#5b3a9e' }

const parsed = new Map<RecordSyncState['tone'], Node>()

/** A copy of a glyph's nodes: each glyph is parsed once, and copying parsed nodes is cheaper than parsing. */
function glyph(tone: RecordSyncState['tone']): JSX.Element {
  let node = parsed.get(tone)
  if (!node) {
    const template = document.createElement('template')
    template.innerHTML = GLYPH[tone]
    node = template.content.firstChild!
    parsed.set(tone, node)
  }
  return node.cloneNode(true) as JSX.Element
}

export function syncStateWords(s: RecordSyncState, online = true): string {
  if (s.tone === 'pending' && !online) return s.offlineNote
  if (s.tone === 'failed') return `${s.label}: ${s.message}`
  return s.label
}

/** What the icon shows: its tone and words, or nothing yet while the sync state loads. */
type View = { tone: RecordSyncState['tone']; words: string } | undefined

export function SyncStateIcon(props: { state: RecordSyncState | undefined; online?: boolean }) {
  // The state is a new object whenever the sync index reloads; the icon changes only when what it shows does.
  const view = createMemo<View>(
    () => {
      const s = props.state
      return s && { tone: s.tone, words: syncStateWords(s, props.online ?? true) }
    },
    undefined,
    { equals: (a, b) => a === b || (!!a && !!b && a.tone === b.tone && a.words === b.words) },
  )
  const tone = createMemo(() => view()?.tone)
  return (
    <span
      class={`sync-icon sync-icon-${view()?.tone ?? 'loading'}`}
      style={tone() === 'waiting' ? WAITING_STYLE : tone() === 'approval' ? APPROVAL_STYLE : undefined}
      role={view() ? 'img' : undefined}
      data-testid={view() ? 'sync-state' : undefined}
      data-state={view()?.tone}
      aria-hidden={view() ? undefined : 'true'}
      aria-label={view() && `QuickBooks: ${view()!.words}`}
      title={view()?.words}
    >
      {tone() && glyph(tone()!)}
    </span>
  )
}
