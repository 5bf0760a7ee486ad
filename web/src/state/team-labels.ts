/** How the Devices list speaks of roles and of when a device was last seen. */
import type { Role } from '#shared/api/index.ts'

export const roleLabels: Record<Role, string> = { owner: 'Owner', office: 'Office', crew: 'Crew' }

/** What each role is for, in the words of the person choosing one for a new device. */
export const roleHints: Record<Role, string> = {
  office: 'Every record, the sync log, retries and decisions. Cannot connect QuickBooks or change devices.',
  crew: 'Contacts, jobs, invoices and payments. No settings, no deletes in QuickBooks.',
  owner: 'Everything: the QuickBooks connection, company settings and devices.',
}

const MINUTE = 60_000

/** "just now", "12 minutes ago", "3 hours ago", else the day. */
export function lastSeen(iso: string, now: number, locale?: string): string {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return 'never'
  const ago = now - t
  if (ago < 2 * MINUTE) return 'just now'
  if (ago < 60 * MINUTE) return `${Math.floor(ago / MINUTE)} minutes ago`
  if (ago < 24 * 60 * MINUTE) {
    const h = Math.floor(ago / (60 * MINUTE))
    return `${h} hour${h === 1 ? '' : 's'} ago`
  }
  return new Date(t).toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' })
}

/** Disconnect's warning: how many devices it ends. */
export function disconnectReach(deviceCount: number | undefined, companyName: string): string {
  const n = deviceCount ?? 1
  return n <= 1
    ? `This is the only device on ${companyName}: its session ends.`
    : `All ${n} devices on ${companyName} stop syncing, this one included: each would have to join again.`
}
