/**
 * The sync log: newest first, filtered by status and entity, Retry on an error row (Link on a duplicate name's,
 * and the two answers on a held payment's) and Retry all errors,
 * conflicts with both values, times in the user's locale, exportable as CSV. Reads IndexedDB live (the worker
 * writes it).
 */
import { useHref } from '@solidjs/router'
import { createSignal, For, Show } from 'solid-js'
import type { SyncKind, SyncLogRow, SyncLogStatus } from '#shared/domain/index.ts'
import { HeldPaymentActions } from '../../components/HeldPaymentActions.tsx'
import { LinkToClashButton } from '../../components/LinkToClashButton.tsx'
import { recordHref } from '../../components/RecordSyncPanel.tsx'
import { clashIn, isLinkable } from '../../state/duplicate-clash.ts'
import { useDb } from '../../state/db.ts'
import { useFormats } from '../../state/format.ts'
import { createLive } from '../../state/live.ts'
import { useRole } from '../../state/role.ts'
import { createStaged } from '../../state/staged-rows.ts'
import { allLogRows, newestLogRows } from '../../state/sync-log-reads.ts'
import { useSyncRequests } from '../../state/sync-requests.ts'
import {
  conflictParts,
  directionWords,
  kindWords,
  LOG_KINDS,
  LOG_STATUSES,
  logCsv,
  logTime,
  type LogFilter,
} from '../../state/sync-log-view.ts'
import { syncStatus } from '../../state/sync-status.ts'

const SHOWN = 300

export function SyncLog() {
  const db = useDb()
  const fmt = useFormats()
  const sync = syncStatus()
  const requests = useSyncRequests()
  // Retries and link answers are the owner's or the office's; the crew reads the same log without them.
  const role = useRole()
  const [filter, setFilter] = createSignal<LogFilter>({ status: 'all', kind: 'all' })
  const [note, setNote] = createSignal<string>()
  // Log rows never change once written: the same seq keeps the same object, so <For> keeps its DOM row and a
  // sync that writes the log many times a second re-renders only the new rows (the main thread stays free).
  const seen = new Map<number, SyncLogRow>()
  const rows = createLive(
    async () => {
      const fresh = await newestLogRows(db, filter(), SHOWN)
      const kept = fresh.map((r) => seen.get(r.seq) ?? (seen.set(r.seq, r), r))
      if (seen.size > SHOWN * 4) for (const k of [...seen.keys()].slice(0, seen.size - SHOWN * 2)) seen.delete(k)
      return kept
    },
    filter,
    ['syncLog'],
  )
  // Rendered a chunk per task, so the hundred-odd rows a sync adds per update never block the main thread at once:
  // 12 rows keep a chunk under 50 ms at tablet speed.
  const shownRows = createStaged(rows, 12)
  // Records link with plain anchors (the router follows them): a router <A> per row sets up computations of its own.
  const base = useHref(() => '/')
  const hrefOf = (r: SyncLogRow) => {
    const link = r.kind && r.localId ? recordHref(r.kind, r.localId) : undefined
    return link ? `${base()}${link.slice(1)}` : undefined
  }
  const failed = createLive(() => requests.failed(), undefined, ['outbox'])
  const held = createLive(() => requests.held(), undefined, ['outbox'])
  const isHeld = (r: SyncLogRow) =>
    r.kind === 'payment' && r.localId !== undefined && (held() ?? []).includes(r.localId)
  const send = async (woke: number) => {
    setNote(undefined)
    if (woke === 0) return setNote('Nothing is waiting to be retried.')
    if (!navigator.onLine) return setNote('Queued: will send when online.')
    const r = await sync.syncNow()
    setNote(r.ok ? undefined : r.error.message)
  }
  const retryRow = async (r: SyncLogRow) => {
    if (r.kind && r.localId) await send(await requests.retry([{ kind: r.kind, localId: r.localId }]))
  }
  const exportCsv = async () => {
    const all = await allLogRows(db)
    const a = document.createElement('a')
    a.href = URL.createObjectURL(new Blob([logCsv(all)], { type: 'text/csv;charset=utf-8' }))
    a.download = `fieldsync-sync-log-${new Date().toISOString().slice(0, 10)}.csv`
    a.click()
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000)
  }
  // An old refusal of a record since linked or renamed has nothing left to link.
  const stillRefused = (r: SyncLogRow) => (failed() ?? []).some((k) => k.kind === r.kind && k.localId === r.localId)
  const set = (patch: Partial<LogFilter>) => setFilter({ ...filter(), ...patch })
  return (
    <section class="card stack" aria-labelledby="sync-log-title">
      <div class="toolbar">
        <h3 id="sync-log-title" style={{ margin: 0, 'margin-right': 'auto' }}>
          Sync log
        </h3>
        <select
          class="select"
          aria-label="Filter by status"
          onChange={(e) => set({ status: e.currentTarget.value as SyncLogStatus | 'all' })}
        >
          <option value="all">All statuses</option>
          <For each={LOG_STATUSES}>{(s) => <option value={s}>{s[0]!.toUpperCase() + s.slice(1)}</option>}</For>
        </select>
        <select
          class="select"
          aria-label="Filter by record type"
          onChange={(e) => set({ kind: e.currentTarget.value as SyncKind | 'all' })}
        >
          <option value="all">All records</option>
          <For each={LOG_KINDS}>{(k) => <option value={k}>{kindWords(k)}s</option>}</For>
        </select>
        <Show when={role.can('decisions')}>
          <button
            type="button"
            class="btn"
            disabled={(failed()?.length ?? 0) === 0 || sync.state.running}
            onClick={() => void requests.retryAllErrors().then(send)}
          >
            Retry all errors<Show when={(failed()?.length ?? 0) > 0}> ({failed()?.length})</Show>
          </button>
        </Show>
        <button type="button" class="btn" onClick={() => void exportCsv()}>
          Export CSV
        </button>
      </div>
      <Show when={note()}>
        {(n) => (
          <p class="muted" role="status">
            {n()}
          </p>
        )}
      </Show>
      <Show
        when={(rows() ?? []).length > 0}
        fallback={
          <p class="muted">
            {rows.loading()
              ? 'Loading the log…'
              : filter().status === 'all' && filter().kind === 'all'
                ? 'Nothing synced yet.'
                : 'No log rows match these filters.'}
          </p>
        }
      >
        {/* Laid out as blocks in a scroll box of its own (styles.css, "Sync log"), so a live update lays out only the
            rows on screen; the roles keep it a table for screen readers, which drop them once display changes. */}
        <div class="log-scroll">
          <table class="table log-table" role="table" aria-labelledby="sync-log-title" data-testid="sync-log">
            <thead role="rowgroup">
              <tr role="row">
                <th role="columnheader">Time</th>
                <th role="columnheader">Record</th>
                <th role="columnheader">Status</th>
                <th role="columnheader">Details</th>
                <th role="columnheader">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody role="rowgroup">
              <For each={shownRows()}>
                {(r) => {
                  // A log row never changes: its time and link are worked out once, not kept reactive.
                  const time = logTime(r.at, fmt().locale)
                  const href = hrefOf(r)
                  return (
                    <tr role="row" data-status={r.status}>
                      <td role="cell" class="small">
                        {time}
                      </td>
                      <td role="cell">
                        <span class="muted small">{kindWords(r.kind)}</span>
                        <br />
                        {href ? <a href={href}>{r.label}</a> : r.label}
                      </td>
                      <td role="cell">
                        <span class={`pill pill-${r.status}`}>{r.status}</span>
                        <br />
                        <span class="muted small">{directionWords(r.direction)}</span>
                      </td>
                      <td role="cell">
                        <Show when={(r.count ?? 1) > 1}>
                          <span class="muted small" data-testid="log-repeats">
                            {r.count} times since {logTime(r.firstAt ?? r.at, fmt().locale)}:{' '}
                          </span>
                        </Show>
                        <Show when={r.status === 'conflict' && conflictParts(r.details)} fallback={r.details}>
                          {(c) => (
                            <span class="conflict" data-testid="conflict-values">
                              <strong>{c().field}</strong>: here “{c().here}”, QuickBooks “{c().quickbooks}”. Kept{' '}
                              {c().kept}’s (the most recent).
                            </span>
                          )}
                        </Show>
                      </td>
                      <td role="cell">
                        <Show when={r.status === 'error' && r.kind && r.localId && !isHeld(r) && role.can('decisions')}>
                          <button
                            type="button"
                            class="btn"
                            disabled={sync.state.running}
                            onClick={() => void retryRow(r)}
                          >
                            Retry
                          </button>
                        </Show>
                        <Show when={r.status === 'error' && isHeld(r)}>
                          <HeldPaymentActions localId={r.localId!} onNote={setNote} />
                        </Show>
                        <Show
                          when={r.status === 'error' && isLinkable(r.kind) && stillRefused(r) && clashIn(r.details)}
                        >
                          {(clash) => (
                            <LinkToClashButton
                              kind={r.kind as 'contact'}
                              localId={r.localId!}
                              label={r.label}
                              clash={clash()}
                              onNote={setNote}
                            />
                          )}
                        </Show>
                      </td>
                    </tr>
                  )
                }}
              </For>
            </tbody>
          </table>
        </div>
        <Show when={(rows() ?? []).length >= SHOWN}>
          <p class="muted">Showing the newest {SHOWN}. Export CSV for the whole log.</p>
        </Show>
      </Show>
    </section>
  )
}
