/**
 * This device's role, from the session answer, and the one question every screen asks of it: `can(permission)`,
 * read from the shared `rolePermissions` table the edge enforces. Controls a role may not use are left out of the
 * page (not greyed): a crew tablet never shows Disconnect.
 * @module
 */
import type { Permission, Role } from '#shared/api/team.ts'
import { can, lastRole, roleOf } from './role-of.ts'
import { useSession } from './session.ts'

export { can, lastRole, noteRole, roleOf } from './role-of.ts'

export type RoleView = {
  role: () => Role
  can: (permission: Permission) => boolean
}

export function useRole(): RoleView {
  const qbo = useSession()
  const role = () => {
    const s = qbo.session()
    return s ? roleOf(s) : lastRole()
  }
  return { role, can: (p) => can(role(), p) }
}
