/**
 * The page's server state: every query key and its options live here, so a screen that reads the session or the
 * company's accounts shares the cache with every other screen. Local records are not here: they live in
 * IndexedDB and reach the screens through live queries (live.ts).
 * @module
 */
import { QueryClient, queryOptions } from '@tanstack/solid-query'
import { fetchSession, loadAccounts } from './qbo-connection.ts'

export const queryKeys = {
  session: ['session'] as const,
  accounts: (realmId: string) => ['accounts', realmId] as const,
}

/**
 * Read when the app opens, when Settings opens, and after a connect or disconnect (each asks with `refresh`),
 * never by a timer here: the worker already polls the session every five seconds for webhook changes.
 */
export const sessionQuery = (fetchFn?: typeof fetch) =>
  queryOptions({ queryKey: queryKeys.session, queryFn: () => fetchSession(fetchFn), staleTime: Infinity })

/** Read each time the sync settings open, as before; a refusal is a value (`ok: false`) the form shows. */
export const accountsQuery = (realmId: string, load: typeof loadAccounts = loadAccounts) =>
  queryOptions({ queryKey: queryKeys.accounts(realmId), queryFn: () => load(realmId) })

/**
 * One try per ask and no refetch on focus or reconnect: the page asks when it needs an answer, and offline an
 * ask fails at once (networkMode 'always') instead of waiting, as the hand-written fetches did.
 */
export function createAppQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false, networkMode: 'always' },
    },
  })
}
