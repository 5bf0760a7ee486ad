/**
 * Keeps this device in step with its team, for the whole app: the company's settings taken on connecting and
 * whenever they change, and the end of the session when the owner removes this device. Changes arrive on the live
 * feed when it runs (`watchTeamFeed`); until then, and whenever it is down, the company's settings are read again
 * every few seconds while the page is in view, which also hears of a removal at the next read.
 * @module
 */
import { createEffect, on, onCleanup } from 'solid-js'
import type { CompanySettingsDoc, FeedMessage } from '#shared/api/index.ts'
import { adoptCompanySettings, refreshCompanySettings } from './company-settings-api.ts'
import { applyCompanySettings } from './company-settings.ts'
import { useDb } from './db.ts'
import { useRole } from './role.ts'
import { noteSessionEnded, sessionEnded } from './session-ended.ts'
import { useSession } from './session.ts'

/** How often the company's settings are read while no feed brings them. */
export const SETTINGS_POLL_MS = 10_000

/** What the team needs of the live feed; its client calls these with the notices it receives. */
export type TeamFeedNotice = Extract<FeedMessage, { type: 'settings' | 'ended' }>

let feedUp = false
let onNotice: ((n: TeamFeedNotice) => void) | undefined

/**
 * For the feed's client: whether the feed runs (the read every few seconds stops while it does), and each
 * `settings` and `ended` notice it receives.
 */
export const teamFeed = {
  up(isUp: boolean): void {
    feedUp = isUp
  },
  notice(n: TeamFeedNotice): void {
    onNotice?.(n)
  },
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
  // Removed: the page asks the session again, so every card shows this device no longer connected.
  createEffect(
    on(sessionEnded, (e) => {
      if (e) void qbo.refresh()
    }),
  )
  onNotice = (n) => {
    const r = realm()
    if (n.type === 'settings' && r) void applyCompanySettings(db, n.doc satisfies CompanySettingsDoc, r)
    if (n.type === 'ended') {
      if (n.reason === 'device_removed') noteSessionEnded({ reason: 'device_removed', companyName: n.companyName })
      else void qbo.refresh()
    }
  }
  const poll = setInterval(() => {
    const r = realm()
    if (!r || feedUp || sessionEnded() || document.visibilityState !== 'visible') return
    void refreshCompanySettings(db, r)
  }, SETTINGS_POLL_MS)
  onCleanup(() => {
    clearInterval(poll)
    onNotice = undefined
  })
}
