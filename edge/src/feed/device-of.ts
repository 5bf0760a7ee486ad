/**
 * The device a session belongs to, as the feed and the number leases name it. Until sessions carry a
 * device id of their own, each browser session is its device.
 */
import type { SessionClaims } from '../session/tokens.ts'

export function deviceOf(session: SessionClaims): string {
  return session.sid
}
