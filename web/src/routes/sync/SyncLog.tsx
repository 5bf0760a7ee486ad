/** The sync log: newest first, filtered by status, exportable as CSV. Reads IndexedDB live (the worker writes it). */
import { createSignal, For, Show } from 'solid-js'
import type { SyncLogRow } from '../../../../shared/domain/index.ts'
import { useDb } from '../../state/db.ts'
import { createLive } from '../../state/live.ts'

const statuses = ['all', 'synced', 'matched', 'skipped', 'conflict', 'warning', 'error', 'info'] as const

export function SyncLog() {
  const db = useDb()
  const [status, setStatus] = createSignal<(typeof statuses)[number]>('all')
  const rows = createLive(async () => {
    const q = status() === 'all' ? db.syncLog.orderBy('seq') : db.syncLog.where('status').equals(status())
    return (await q.reverse().limit(300).toArray()).sort((a, b) => b.seq - a.seq)
  }, status)
  const exportCsv = async () => {
    const all = await db.syncLog.orderBy('seq').toArray()
    const cell = (v: unknown) => `"${String(v ?? '').replace(/"/g, '""')}"`
    const csv = ['at,entity,label,direction,status,details', ...all.map((r: SyncLogRow) => [r.at, r.kind, r.label, r.direction, r.status, r.details].map(cell).join(','))].join('\n')
    const a = document.createElement('a')
    a.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }))
    a.download = 'fieldsync-sync-log.csv'
    a.click()
  }
  return (
    <section class="card stack" aria-labelledby="sync-log-title">
      <div class="row">
        <h3 id="sync-log-title">Sync log</h3>
        <select aria-label="Filter by status" onChange={(e) => setStatus(e.currentTarget.value as (typeof statuses)[number])}>
          <For each={statuses}>{(s) => <option value={s}>{s === 'all' ? 'All statuses' : s}</option>}</For>
        </select>
        <button type="button" class="btn" onClick={() => void exportCsv()}>Export CSV</button>
      </div>
      <Show when={(rows() ?? []).length > 0} fallback={<p class="muted">Nothing synced yet.</p>}>
        <table class="table" data-testid="sync-log">
          <thead><tr><th>Time</th><th>Record</th><th>Direction</th><th>Status</th><th>Details</th></tr></thead>
          <tbody>
            <For each={rows()}>
              {(r) => (
                <tr data-status={r.status}>
                  <td>{new Date(r.at).toLocaleString()}</td>
                  <td>{r.label}</td>
                  <td>{r.direction}</td>
                  <td><span class={`pill pill-${r.status}`}>{r.status}</span></td>
                  <td>{r.details}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  )
}
