/**
 * "This device was removed from <company> by its owner": once the edge says so (a `device_removed` answer to any
 * call, or the live feed's `ended`), the page keeps saying it until this device joins or connects a company again,
 * across reloads (the edge no longer knows this device to say it twice). The company's name is the last one a
 * session answer gave, when the notice itself does not carry it.
 * @module
 */
import { createSignal } from 'solid-js'

export type SessionEnded = { reason: 'device_removed'; companyName: string | null }

const ENDED_KEY = 'fieldsync:session-ended'
const COMPANY_KEY = 'fieldsync:company-name'

const storage = (): Storage | undefined => (typeof localStorage === 'undefined' ? undefined : localStorage)

function stored(): SessionEnded | undefined {
  try {
    const raw = storage()?.getItem(ENDED_KEY)
    const v = raw ? (JSON.parse(raw) as Partial<SessionEnded>) : undefined
    return v?.reason === 'device_removed' ? { reason: v.reason, companyName: v.companyName ?? null } : undefined
  } catch {
    return undefined
  }
}

const [ended, setEnded] = createSignal<SessionEnded | undefined>(stored())

/** The ended session, or undefined while this device has one (or never had one). */
export const sessionEnded = ended

export function noteSessionEnded(e: SessionEnded): void {
  const companyName = e.companyName ?? ended()?.companyName ?? storage()?.getItem(COMPANY_KEY) ?? null
  const next = { reason: e.reason, companyName }
  storage()?.setItem(ENDED_KEY, JSON.stringify(next))
  setEnded(next)
}

/** A session answer for a company: remembered so a later removal can name it, and it ends any old notice. */
export function noteCompany(companyName: string | null): void {
  if (companyName) storage()?.setItem(COMPANY_KEY, companyName)
  clearSessionEnded()
}

export function clearSessionEnded(): void {
  storage()?.removeItem(ENDED_KEY)
  if (ended()) setEnded(undefined)
}

/** What the page says about it. */
export function endedMessage(e: SessionEnded): string {
  return `This device was removed from ${e.companyName ?? 'its company'} by its owner.`
}
