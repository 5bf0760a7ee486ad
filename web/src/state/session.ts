/**
 * The QuickBooks session as the page knows it (`GET /api/session`): connected or not, the company, whether
 * Intuit wants a reconnect. Server state, so it lives in the query cache and every screen reads the same answer.
 * The sync worker keeps its own five-second poll of the session for webhook changes; this is the page's copy.
 * @module
 */
import { createQuery, useQueryClient } from '@tanstack/solid-query'
import type { SessionResponse } from '#shared/api/index.ts'
import { sessionQuery } from './queries.ts'

export type Session = {
  /** The latest answer; undefined before the first one, or when there is no session. */
  session: () => SessionResponse | undefined
  connected: () => boolean
  /** Asks the edge again now; undefined when it cannot be reached (the last answer stays). */
  refresh: () => Promise<SessionResponse | undefined>
}

export function useSession(): Session {
  const client = useQueryClient()
  const query = createQuery(() => sessionQuery())
  // Reading `data` before the first answer would suspend the page around it; the card shows "not connected" instead.
  const session = () => (query.isPending ? undefined : (query.data ?? undefined))
  return {
    session,
    connected: () => session()?.connected === true,
    async refresh() {
      try {
        return (await client.fetchQuery({ ...sessionQuery(), staleTime: 0 })) ?? undefined
      } catch {
        return undefined
      }
    },
  }
}
