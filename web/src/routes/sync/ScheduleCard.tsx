/**
 * The sync screen's word on the schedule: how changes go to QuickBooks, when Sync Now or the schedule last sent,
 * and when the schedule sends next. Read again after every sync and every change of the schedule.
 */
import { A } from '@solidjs/router'
import { createEffect, createResource, on, Show } from 'solid-js'
import { getSettings } from '../../db/settings.ts'
import { useDb } from '../../state/db.ts'
import { useFormats } from '../../state/format.ts'
import { createLive } from '../../state/live.ts'
import { logTime } from '../../state/sync-log-view.ts'
import { syncStatus } from '../../state/sync-status.ts'
import { scheduleWords } from '../../sync/schedule.ts'

export function ScheduleCard() {
  const db = useDb()
  const fmt = useFormats()
  const sync = syncStatus()
  const settings = createLive(() => getSettings(db), undefined, ['settings'])
  const [times, { refetch }] = createResource(() => sync.scheduleTimes())
  createEffect(on([() => sync.state.running, () => settings()?.schedule], () => void refetch(), { defer: true }))
  const when = (ms: number | undefined) =>
    ms === undefined ? undefined : logTime(new Date(ms).toISOString(), fmt().locale)
  return (
    <Show when={settings()}>
      {(s) => (
        <section class="card stack" aria-labelledby="schedule-title" data-testid="schedule-card">
          <h3 id="schedule-title">When changes go to QuickBooks</h3>
          <p>{scheduleWords(s().schedule)}</p>
          <Show when={s().schedule.mode !== 'automatic'}>
            <p class="muted" data-testid="schedule-times">
              Last sent: {when(times()?.last) ?? 'not yet'}.{' '}
              {times()?.next !== undefined ? `Next: ${when(times()?.next)}.` : 'Next: when you tap Sync Now.'}
            </p>
          </Show>
          <Show when={s().exportMode === 'manual'}>
            <p>
              Manual export is on: finalized invoices and payments wait for approval on the{' '}
              <A href="/export">Export screen</A>.
            </p>
          </Show>
          <p class="muted">
            Changes made in QuickBooks still come to this tablet on their own. Change the schedule in{' '}
            <A href="/settings">Settings</A>.
          </p>
        </section>
      )}
    </Show>
  )
}
