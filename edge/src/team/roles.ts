/**
 * The edge's side of roles: whether a role may do something, and the refusal that says who can.
 * The permissions themselves are the one table in shared/api/team.ts, which the UI reads too.
 */
import { rolePermissions, type Permission, type Role } from '#shared/api/team.ts'
import type { GateError } from '../gate/upstream.ts'

const roleNames: Record<Role, string> = { owner: 'owner', office: 'office', crew: 'crew' }

const actions: Record<Permission, string> = {
  connection: 'connect or disconnect QuickBooks',
  devices: 'add or remove devices',
  settings: "change the company's settings",
  approveExports: 'approve exports',
  decisions: 'make link and match decisions',
  deleteInQuickBooks: 'delete or void in QuickBooks',
  records: 'change records',
}

/** "Only the company's owner can …" or "Only the owner or the office can …". */
export function forbidden(permission: Permission, action = actions[permission]): GateError {
  const allowed: readonly Role[] = rolePermissions[permission]
  const who =
    allowed.length === 1
      ? `the company's ${roleNames[allowed[0]!]}`
      : `the ${allowed
          .slice(0, -1)
          .map((r) => roleNames[r])
          .join(', the ')} or the ${roleNames[allowed.at(-1)!]}`
  return { code: 'forbidden_role', message: `Only ${who} can ${action}.` }
}
