/**
 * Before sending, a free-text line with a price needs the QuickBooks item the company posts free-text lines to
 * (chosen once, in Settings). Without one the invoice would be refused: this says so first, with the way to fix.
 */
import { A } from '@solidjs/router'
import { Show } from 'solid-js'
import type { Invoice } from '#shared/domain/index.ts'
import { getSettings } from '../../db/settings.ts'
import { useDb } from '../../state/db.ts'
import { createLive } from '../../state/live.ts'

export function FreeTextNotice(props: { invoice: Invoice }) {
  const db = useDb()
  const settings = createLive(() => getSettings(db))
  const freeText = () => props.invoice.lines.filter((l) => l.itemId === undefined && l.amount !== 0)
  const needed = () =>
    props.invoice.status !== 'void' && freeText().length > 0 && settings() !== undefined && !settings()?.freeTextItemId
  return (
    <Show when={needed()}>
      <div class="notice" role="status" data-testid="free-text-notice" style={{ 'border-radius': '8px' }}>
        <p>
          {freeText().length === 1 ? `“${freeText()[0]!.name}” is a free-text line` : 'Free-text lines'} with a price
          need a QuickBooks item to post to. Until one is chosen, QuickBooks cannot take this invoice.
        </p>
        <A class="btn" href="/settings">
          Choose the QuickBooks item free-text lines post to
        </A>
      </div>
    </Show>
  )
}
