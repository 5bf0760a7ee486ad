/**
 * What the QuickBooks card shows about the connection, from `/api/session` and the engine's last error: the
 * state (not connected, connected, needs reconnect with a reason), the refresh-token warning, and the company's
 * accounts grouped for the settings pickers. The reads themselves (session, accounts) run as queries (queries.ts).
 * @module
 */
import { ApiErrorBody, SessionResponse } from '#shared/api/index.ts'
import type { QboAccount } from '#shared/qbo/index.ts'
import { err, ok, type Result } from '#shared/result.ts'
import { edgeGateway } from '../sync/adapters/edge-gateway.ts'
import type { EngineError } from '../sync/engine.ts'
import { companyOfRemoval } from './removed-company.ts'
import { noteSessionAnswer } from './owner-disconnected.ts'
import { lastRole, noteRole } from './role-of.ts'
import { noteCompany, noteSessionEnded } from './session-ended.ts'

/** Warn this many days before Intuit's rolling 100-day refresh token lapses (it renews on every sync). */
export const TOKEN_WARNING_DAYS = 14
const DAY = 86_400_000

export type CardState =
  | { state: 'disconnected' }
  | { state: 'connected'; companyName: string; realmId: string; tokenWarning?: string }
  | { state: 'reconnect'; companyName?: string; reason: string }

export function cardState(
  session: SessionResponse | undefined,
  lastError: EngineError | undefined,
  now: number,
): CardState {
  const engineSays = lastError?.kind === 'needs_reconnect' ? lastError.message : undefined
  if (!session) return { state: 'disconnected' }
  if (!session.connected) {
    return session.needsReconnect
      ? {
          state: 'reconnect',
          reason:
            engineSays ??
            'QuickBooks ended the connection (it was disconnected there, or not used for 100 days). ' +
              'Reconnect to resume; everything recorded here is kept and queued.',
        }
      : { state: 'disconnected' }
  }
  const companyName = session.companyName ?? 'Your company'
  if (session.needsReconnect || engineSays) {
    return {
      state: 'reconnect',
      companyName,
      reason:
        engineSays ?? 'QuickBooks refused the saved sign-in. Reconnect to resume syncing; nothing is lost meanwhile.',
    }
  }
  const left = Math.floor((Date.parse(session.refreshTokenExpiresAt) - now) / DAY)
  const tokenWarning =
    left <= TOKEN_WARNING_DAYS
      ? `The QuickBooks sign-in expires in ${Math.max(0, left)} day${left === 1 ? '' : 's'} ` +
        'unless Fieldsync syncs before then. Sync now or reconnect.'
      : undefined
  return { state: 'connected', companyName, realmId: session.realmId, ...(tokenWarning ? { tokenWarning } : {}) }
}

export type AccountChoice = { id: string; name: string }
export type AccountGroups = { deposit: AccountChoice[]; income: AccountChoice[]; expense: AccountChoice[] }

/**
 * Where payments can be deposited (bank, or Undeposited Funds), and income and expense accounts for new items. An
 * item's expense account must be a Cost of Goods Sold one (docs/quickbooks.md §3.2): another expense account fails
 * every push.
 */
export function groupAccounts(accounts: readonly QboAccount[]): AccountGroups {
  const pick = (types: readonly string[]) =>
    accounts
      .filter((a) => a.Active !== false && a.AccountType !== undefined && types.includes(a.AccountType))
      .map((a) => ({ id: a.Id, name: a.FullyQualifiedName ?? a.Name }))
      .sort((a, b) => a.name.localeCompare(b.name))
  return {
    deposit: pick(['Bank', 'Other Current Asset']),
    income: pick(['Income', 'Other Income']),
    expense: pick(['Cost of Goods Sold']),
  }
}

export async function loadAccounts(
  realmId: string,
): Promise<Result<AccountGroups, { kind: 'fault'; message: string }>> {
  const r = await edgeGateway(realmId).query('select * from Account where Active = true maxresults 1000')
  if (!r.ok) return err({ kind: 'fault', message: r.error.userMessage })
  const list = (r.value as { Account?: QboAccount[] }).Account ?? []
  return ok(groupAccounts(list))
}

/**
 * Asks the edge for the session. A body that is not a session means no session (null); a network failure
 * throws, so the cache keeps the last answer, as an unreachable edge says nothing new about the connection.
 * A `device_removed` answer ends this device's session for good (session-ended.ts); a connected answer names
 * the company a later removal will speak of.
 */
export async function fetchSession(fetchFn: typeof fetch = fetch): Promise<SessionResponse | null> {
  const res = await fetchFn('/api/session', { credentials: 'same-origin' })
  const body: unknown = await res.json()
  const parsed = SessionResponse.safeParse(body)
  if (parsed.success) {
    if (parsed.data.connected) noteCompany(parsed.data.companyName)
    noteSessionAnswer(lastRole(), parsed.data)
    noteRole(parsed.data)
    return parsed.data
  }
  const failed = ApiErrorBody.safeParse(body)
  if (failed.success && failed.data.error.code === 'device_removed')
    noteSessionEnded({ reason: 'device_removed', companyName: companyOfRemoval(failed.data.error.message) })
  return null
}
