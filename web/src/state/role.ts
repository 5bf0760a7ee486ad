/**
 * This device's role, from the session answer, and the one question every screen asks of it: `can(permission)`,
 * read from the shared `rolePermissions` table the edge enforces. Controls a role may not use are left out of the
 * page (not greyed): a crew tablet never shows Disconnect.
 * @module
 */
import { may, type Permission, type Role } from '#shared/api/team.ts'
import type { SessionResponse } from '#shared/api/index.ts'
import { useSession } from './session.ts'

/**
 * The role the edge holds for this device. Not connected, the tablet is nobody's but its user's and everything
 * local is theirs to change (the owner's view, as before companies had teams); a connected session from an edge
 * that names no device is the one device of its company, hence its owner. While the session is unknown the role
 * is unknown too, and nothing role-bound shows.
 */
export function roleOf(session: SessionResponse | undefined): Role | undefined {
  if (!session) return undefined
  if (!session.connected) return 'owner'
  return session.device?.role ?? 'owner'
}

/** Whether `role` may; an unknown role may only see records. */
export function can(role: Role | undefined, permission: Permission): boolean {
  return role === undefined ? permission === 'records' : may(role, permission)
}

export const roleLabels: Record<Role, string> = { owner: 'Owner', office: 'Office', crew: 'Crew' }

export type RoleView = {
  role: () => Role | undefined
  can: (permission: Permission) => boolean
}

export function useRole(): RoleView {
  const qbo = useSession()
  const role = () => roleOf(qbo.session())
  return { role, can: (p) => can(role(), p) }
}
