/**
 * "Import customers" and "Import items": QuickBooks' active customers or items come to this tablet. Nothing is
 * written to QuickBooks; a contact or item here with the same name is linked when it is sent, never doubled.
 */
import { createSignal, Show } from 'solid-js'
import { syncStatus } from '../../state/sync-status.ts'
import type { ImportKind } from '../../sync/import-records.ts'

export function ImportButtons() {
  const sync = syncStatus()
  const [busy, setBusy] = createSignal(false)
  const [note, setNote] = createSignal<string>()
  const run = async (kind: ImportKind) => {
    setBusy(true)
    setNote(undefined)
    const r = await sync.importRecords(kind)
    setBusy(false)
    const what = kind === 'contact' ? 'customers' : 'items'
    if (!r.ok) return setNote(r.error.message)
    const { created, updated, sameName } = r.value
    setNote(
      `Imported ${what}: ${created} new here, ${updated} already here brought up to date` +
        (sameName > 0 ? `, ${sameName} left out because a record here has the same name (it links when sent).` : '.'),
    )
  }
  return (
    <div class="stack" style={{ gap: '8px' }}>
      <p class="muted">Reads from QuickBooks only: nothing is created or changed there.</p>
      <div class="actions-row">
        <button type="button" class="btn" disabled={busy()} onClick={() => void run('contact')}>
          Import customers
        </button>
        <button type="button" class="btn" disabled={busy()} onClick={() => void run('item')}>
          Import items
        </button>
      </div>
      <Show when={note()}>
        {(n) => (
          <p class="notice-box" role="status" data-testid="import-result">
            {n()}
          </p>
        )}
      </Show>
    </div>
  )
}
