/**
 * This device's role as the session answers name it, remembered for an offline start, and `can(permission)`
 * from the shared `rolePermissions` table the edge enforces. Free of the page's state, so the session read can
 * note the role without a cycle.
 * @module
 */
import { may, Role, type Permission } from '#shared/api/team.ts'
import type { SessionResponse } from '#shared/api/index.ts'

const ROLE_KEY = 'fieldsync:role'
const storage = (): Storage | undefined => (typeof localStorage === 'undefined' ? undefined : localStorage)

/**
 * The role the edge holds for this device. Not connected, the tablet is nobody's but its user's and everything
 * local is theirs to change (the owner's view, as before companies had teams).
 */
export function roleOf(session: SessionResponse): Role {
  return session.connected ? session.device.role : 'owner'
}

/** Each session answer's role is kept, so an offline start (or the moment before the first answer) shows the same. */
export function noteRole(session: SessionResponse): void {
  storage()?.setItem(ROLE_KEY, roleOf(session))
}

/** The role of the last session answer; a device that never had one is its user's own. */
export function lastRole(): Role {
  const r = Role.safeParse(storage()?.getItem(ROLE_KEY))
  return r.success ? r.data : 'owner'
}

/** Whether `role` may. */
export function can(role: Role, permission: Permission): boolean {
  return may(role, permission)
}
