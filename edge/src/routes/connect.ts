/**
 * `GET /auth/intuit/connect` sends the browser to Intuit's consent with a fresh state bound to this
 * browser by a signed, short-lived cookie holding only the state's hash. `GET /auth/intuit/callback`
 * checks it, exchanges the code, hands the grant to the realm's RealmGate (which stores it only once
 * its token has read that company's CompanyInfo) and starts this browser's session as an owner device
 * (the same device if it already was one of this company's). Other devices' sessions go on. Every
 * failure returns to the app as a named error.
 */
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import type { ConnectErrorCode } from '#shared/api/connect.ts'
import { RealmId } from '#shared/ids.ts'
import type { AppEnv } from '../env.ts'
import { randomBase64Url, sha256Base64Url } from '../crypto/base64.ts'
import { exchangeCode } from '../intuit/oauth-client.ts'
import { clearStateCookie, readStateCookie, setStateCookie, STATE_TTL_SECONDS } from '../session/cookies.ts'
import { currentSession, startSession } from '../session/current.ts'
import { signState, verifyState } from '../session/tokens.ts'
import { deviceNameFrom } from '../team/device-name.ts'
import { connectError, connectOutcome, type Presentation } from './connect-result.ts'

export const ACCOUNTING_SCOPE = 'com.intuit.quickbooks.accounting'

export const connectRoutes = new Hono<AppEnv>()

connectRoutes.get('/connect', async (c) => {
  const config = c.get('config')
  const state = randomBase64Url(32)
  const popup = c.req.query('popup') === '1'
  const cookie = await signState(
    config.sessionKeys,
    { stateHash: await sha256Base64Url(state), popup },
    STATE_TTL_SECONDS,
    Date.now(),
  )
  setStateCookie(c, cookie)
  const url = new URL(config.authorizeUrl)
  url.searchParams.set('client_id', config.clientId)
  url.searchParams.set('response_type', 'code')
  url.searchParams.set('scope', ACCOUNTING_SCOPE)
  url.searchParams.set('redirect_uri', config.redirectUri)
  url.searchParams.set('state', state)
  c.header('Cache-Control', 'no-store')
  return c.redirect(url.toString(), 302)
})

const CallbackQuery = z.object({
  state: z.string().max(200).optional(),
  code: z.string().min(1).max(1024).optional(),
  realmId: RealmId.optional(),
  error: z.string().max(200).optional(),
})

connectRoutes.get('/callback', async (c) => {
  const config = c.get('config')
  const now = Date.now()
  const bound = await verifyState(config.sessionKeys, readStateCookie(c), now)
  // The state cookie is single-use: whatever happens next, it goes.
  clearStateCookie(c)
  const presentation: Presentation = bound.ok ? (bound.value.popup ? 'popup' : 'redirect') : 'unknown'
  const fail = (code: ConnectErrorCode, message: string) =>
    connectError(c, config.appOrigin, presentation, code, message)

  const query = CallbackQuery.safeParse(c.req.query())
  if (!query.success)
    return fail('invalid_callback', 'Intuit sent back something unexpected. Please try connecting again.')
  const q = query.data
  if (!bound.ok) {
    return bound.error.kind === 'expired'
      ? fail('state_expired', 'The connection attempt took too long. Please try connecting again.')
      : fail('state_mismatch', 'This connection attempt did not start in this browser. Please try connecting again.')
  }
  if (!q.state || (await sha256Base64Url(q.state)) !== bound.value.stateHash) {
    return fail('state_mismatch', 'This connection attempt did not start in this browser. Please try connecting again.')
  }
  if (q.error) {
    return q.error === 'access_denied'
      ? fail('access_denied', 'QuickBooks was not connected because access was declined.')
      : (console.warn('connect: Intuit reported an error', { error: q.error }),
        fail('invalid_callback', 'QuickBooks reported a problem with the connection. Please try connecting again.'))
  }
  if (!q.code || !q.realmId)
    return fail('invalid_callback', 'Intuit did not say which company was connected. Please try again.')

  try {
    return await finishConnect(c, q.code, q.realmId, presentation, now)
  } catch (err) {
    console.error('connect callback failed', err)
    return fail('edge_error', 'Something went wrong while connecting QuickBooks. Please try again.')
  }
})

/** Exchange the code, have the realm's gate verify and store the grant, start the session. */
async function finishConnect(
  c: Context<AppEnv>,
  code: string,
  realmId: RealmId,
  presentation: Presentation,
  now: number,
): Promise<Response> {
  const config = c.get('config')
  const fail = (errorCode: ConnectErrorCode, message: string) =>
    connectError(c, config.appOrigin, presentation, errorCode, message)
  const exchanged = await exchangeCode(config, code, now)
  if (!exchanged.ok) {
    const e = exchanged.error
    if (e.kind === 'invalid_grant')
      return fail(
        'invalid_grant',
        'Intuit did not accept this sign-in (it may have been used already). Please connect again.',
      )
    if (e.kind === 'unavailable')
      return fail('intuit_unavailable', 'QuickBooks could not be reached. Please try again in a few minutes.')
    // Intuit refused our own credentials (invalid_client): a configuration problem at the edge.
    console.error('connect: code exchange refused', { detail: e.message })
    return fail(
      'edge_error',
      'QuickBooks could not be connected because of a problem on the server. Please try again later.',
    )
  }

  // A browser already a device of this company stays that device (an owner now); others become one.
  const before = await currentSession(c)
  const device = {
    id: before?.realmId === realmId ? before.device : null,
    name: deviceNameFrom(c.req.header('user-agent')),
  }
  // The realmId came unsigned in the redirect: the gate stores the grant only if its token opens that company.
  const connected = await c.env.REALM_GATE.getByName(realmId).connectGrant(realmId, exchanged.value, device)
  if (!connected.ok) {
    const { kind, message: detail } = connected.error
    console.warn('connect: grant not stored', { realmId, kind, detail })
    if (kind === 'mismatch')
      return fail(
        'realm_mismatch',
        'This QuickBooks sign-in did not match the company it came back with, so nothing was connected. ' +
          'Please try connecting again.',
      )
    if (kind === 'unavailable')
      return fail('intuit_unavailable', 'QuickBooks could not be reached. Please try again in a few minutes.')
    return fail('edge_error', 'QuickBooks did not confirm access to this company. Please try connecting again.')
  }
  const { device: owner, companyName } = connected.value
  await startSession(c, realmId, owner.id, now)
  return connectOutcome(c, config.appOrigin, presentation, {
    type: 'fieldsync:qbo-connect',
    status: 'connected',
    realmId,
    companyName,
  })
}
