/**
 * Keeps this device in step with its team, for the whole app: the company's settings taken on connecting and
 * whenever they change, and the end of the session when the owner removes this device. Changes arrive from the
 * live feed, which runs in the sync worker and passes its `settings` and `ended` notices to the page on a
 * BroadcastChannel; the company's settings are also read again every few seconds while the page is in view, for
 * when the feed is down, and that read hears of a removal too.
 * @module
 */
import { createEffect, on, onCleanup } from 'solid-js'
import { FeedMessage } from '#shared/api/index.ts'
import { adoptCompanySettings, refreshCompanySettings } from './company-settings-api.ts'
import { applyCompanySettings } from './company-settings.ts'
import { useDb } from './db.ts'
import { useRole } from './role.ts'
import { syncWorker } from '../sync/worker/client.ts'
import { companyOfRemoval } from './removed-company.ts'
import { noteSessionEnded, sessionEnded } from './session-ended.ts'
import { useSession } from './session.ts'
import { syncStatus } from './sync-status.ts'

/** How often the company's settings are read, in case the feed is down. */
export const SETTINGS_POLL_MS = 10_000

/** The feed's channel to the page (FEED_EVENTS_CHANNEL in web/src/sync/feed/events.ts). */
export const FEED_EVENTS_CHANNEL = 'fieldsync-feed-events'

export type TeamFeedNotice = Extract<FeedMessage, { type: 'settings' | 'ended' }>

/** The feed's notices that concern the team; anything else on the channel is not read. */
export function teamNotice(data: unknown): TeamFeedNotice | undefined {
  const m = FeedMessage.safeParse(data)
  return m.success && (m.data.type === 'settings' || m.data.type === 'ended') ? m.data : undefined
}

export function useTeamWatch(): void {
  const db = useDb()
  const qbo = useSession()
  const role = useRole()
  const realm = () => {
    const s = qbo.session()
    return s?.connected ? s.realmId : undefined
  }
  // Connected (at start, or on connecting or joining): the company's copy replaces the device's, or an owner's
  // first connection gives the company this device's settings.
  createEffect(
    on(realm, (r) => {
      if (r) void adoptCompanySettings(db, r, role.can('settings'))
    }),
  )
  // Removed: the page asks the session again, so every card shows this device no longer connected, and the
  // worker stops asking the edge (every call would be refused the same way).
  createEffect(
    on(sessionEnded, (e) => {
      if (!e) return
      void qbo.refresh()
      void syncWorker().stop()
    }),
  )
  // A sync the edge refused as removed says so too, with the company its message names.
  const sync = syncStatus()
  createEffect(
    on(
      () => sync.state.error,
      (e) => {
        if (e?.kind === 'device_removed')
          noteSessionEnded({ reason: 'device_removed', companyName: companyOfRemoval(e.message) })
      },
    ),
  )
  const onNotice = (n: TeamFeedNotice) => {
    const r = realm()
    if (n.type === 'settings' && r) void applyCompanySettings(db, n.doc, r)
    if (n.type === 'ended') {
      if (n.reason === 'device_removed') noteSessionEnded({ reason: 'device_removed', companyName: n.companyName })
      else void qbo.refresh()
    }
  }
  const channel = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(FEED_EVENTS_CHANNEL)
  channel?.addEventListener('message', (e: MessageEvent<unknown>) => {
    const n = teamNotice(e.data)
    if (n) onNotice(n)
  })
  const poll = setInterval(() => {
    const r = realm()
    if (!r || sessionEnded() || document.visibilityState !== 'visible') return
    void refreshCompanySettings(db, r)
  }, SETTINGS_POLL_MS)
  onCleanup(() => {
    clearInterval(poll)
    channel?.close()
  })
}
