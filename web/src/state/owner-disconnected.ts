/**
 * "The company's owner disconnected QuickBooks": an office or crew device whose last session answer was connected
 * and whose next says not connected lost its session to the owner's Disconnect (the edge ends every device's). It
 * cannot connect the company itself, so the page says so and offers Join a company. Kept across reloads until a
 * session answer is connected again.
 * @module
 */
import { createSignal } from 'solid-js'
import type { SessionResponse } from '#shared/api/index.ts'
import type { Role } from '#shared/api/team.ts'

const KEY = 'fieldsync:owner-disconnected'
const storage = (): Storage | undefined => (typeof localStorage === 'undefined' ? undefined : localStorage)

const [disconnected, setDisconnected] = createSignal(storage()?.getItem(KEY) === '1')

/** Whether the owner's Disconnect ended this (office or crew) device's session. */
export const ownerDisconnected = disconnected

/** Each session answer, with the role the previous one named (`lastRole()` before it is noted again). */
export function noteSessionAnswer(previousRole: Role, session: SessionResponse): void {
  if (session.connected) {
    storage()?.removeItem(KEY)
    if (disconnected()) setDisconnected(false)
  } else if (!session.needsReconnect && previousRole !== 'owner') {
    storage()?.setItem(KEY, '1')
    setDisconnected(true)
  }
}
