/**
 * Who may send an export: approving is an owner's permission. The role is this device's, from the session; a
 * session without one (an older edge) leaves the decision to the edge, which refuses others.
 */
import { may } from '#shared/api/team.ts'
import type { useSession } from '../../state/session.ts'

export function mayApprove(qbo: ReturnType<typeof useSession>): boolean {
  const s = qbo.session()
  if (!s?.connected) return false
  const role = (s as { device?: { role?: 'owner' | 'office' | 'crew' } }).device?.role
  return role === undefined || may(role, 'approveExports')
}
