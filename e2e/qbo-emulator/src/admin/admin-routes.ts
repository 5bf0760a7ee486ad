/**
 * @module
 * The admin API under `/__admin` (not Intuit's): what tests and the demo need to act as the bookkeeper
 * and as Intuit's operators — read and seed a company, edit or delete as a bookkeeper would, expire or
 * revoke tokens, move the clock, read the request log, configure chaos, limits, apps and webhooks.
 * Every body is validated with zod; errors are `{error: {kind, message}}`.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import type { ControllableClock } from '../clock.ts'
import type { CompaniesPort } from '../companies-port.ts'
import {
  ApiBehaviourSchema,
  AppRegistrationSchema,
  ChaosConfigSchema,
  LimitsSchema,
  SeedSchema,
  SubscriptionStatusSchema,
  TokenChaosConfigSchema,
  TokenLifetimesSchema,
  WebhookConfigSchema,
} from '../config.ts'
import type { Chaos } from '../chaos/chaos-policy.ts'
import type { RealmLimiter } from '../limits/realm-limiter.ts'
import type { AppRegistry } from '../oauth/apps.ts'
import type { TokenStore } from '../oauth/token-store.ts'
import type { WebhookNotifier } from '../webhooks/notifier.ts'
import type { RequestLog } from './request-log.ts'
import { body, fail, outcome } from './admin-http.ts'
import { BOOKKEEPER_ROUTES, bookkeeperRoutes } from './bookkeeper-routes.ts'

export interface AdminDeps {
  clock: ControllableClock
  companies: CompaniesPort
  apps: AppRegistry
  tokens: TokenStore
  limiter: RealmLimiter
  chaos: Chaos
  tokenChaos: Chaos
  requestLog: RequestLog
  webhooks: WebhookNotifier
}

const TokenFilter = z.object({ realmId: z.string().min(1).optional(), clientId: z.string().min(1).optional() })
const Expire = TokenFilter.extend({ which: z.enum(['access', 'refresh', 'both']).default('access') })
const Connect = z.object({
  realmId: z.string().min(1),
  clientId: z.string().min(1).optional(),
  scopes: z.array(z.string().min(1)).min(1).default(['com.intuit.quickbooks.accounting']),
})
const Advance = z.union([
  z.object({ ms: z.number().int().nonnegative() }),
  z.object({ seconds: z.number().nonnegative() }),
])
const Patch = z.record(z.string(), z.unknown())

export function adminRoutes(deps: AdminDeps): Hono {
  const app = new Hono()
  const { clock, companies, tokens, limiter, chaos } = deps
  const known = (realmId: string) => companies.list().some((co) => co.realmId === realmId)

  app.get('/', (c) =>
    c.json({
      companies: [
        'GET /companies',
        'GET /companies/:realmId',
        'POST /companies/reset {seed?}',
        'POST /companies/:realmId/seed',
        'PATCH /companies/:realmId/:entity/:id',
        'DELETE /companies/:realmId/:entity/:id',
        'PUT /companies/:realmId/subscription',
        'DELETE /companies/:realmId/requestids',
        ...BOOKKEEPER_ROUTES,
      ],
      behaviour: ['GET /behaviour', 'PUT /behaviour'],
      tokens: [
        'GET /tokens',
        'POST /tokens/connect',
        'POST /tokens/expire',
        'POST /tokens/revoke',
        'PUT /tokens/lifetimes',
      ],
      clock: ['GET /clock', 'POST /clock/advance'],
      requests: ['GET /requests?realmId=&since=', 'DELETE /requests'],
      chaos: [
        'GET /chaos',
        'PUT /chaos',
        'PUT /companies/:realmId/chaos',
        'DELETE /companies/:realmId/chaos',
        'GET /chaos/tokens',
        'PUT /chaos/tokens',
      ],
      limits: ['GET /limits', 'PUT /limits', 'PUT /companies/:realmId/limits', 'DELETE /companies/:realmId/limits'],
      apps: ['GET /apps', 'POST /apps', 'PUT /apps/:clientId/webhook', 'DELETE /apps/:clientId/webhook'],
      webhooks: ['GET /webhooks/deliveries', 'DELETE /webhooks/deliveries'],
    }),
  )

  // Companies: whole state, seed, bookkeeper edits.
  app.get('/companies', (c) => c.json(companies.list()))
  app.get('/companies/:realmId', (c) => {
    const realmId = c.req.param('realmId')
    return known(realmId)
      ? outcome(c, () => companies.snapshot(realmId))
      : fail(c, 404, 'not_found', `No company ${realmId}`)
  })
  app.post('/companies/reset', async (c) => {
    const b = await body(c, z.object({ seed: SeedSchema.optional() }))
    if (!b.ok) return b.error
    companies.reset(b.value.seed)
    return c.json(companies.list())
  })
  app.post('/companies/:realmId/seed', async (c) => {
    const b = await body(c, z.record(z.string(), z.unknown()))
    if (!b.ok) return b.error
    return outcome(c, () => companies.seed(c.req.param('realmId'), b.value))
  })
  // Intuit's billing, not the API: a subscription that ended makes writes answer 200 with Fault 6190.
  app.put('/companies/:realmId/subscription', async (c) => {
    const b = await body(c, z.object({ status: SubscriptionStatusSchema }))
    if (!b.ok) return b.error
    const info = companies.setSubscriptionStatus(c.req.param('realmId'), b.value.status)
    return info === undefined ? fail(c, 404, 'not_found', `No company ${c.req.param('realmId')}`) : c.json(info)
  })
  app.delete('/companies/:realmId/requestids', (c) => {
    const n = companies.forgetRequestIds(c.req.param('realmId'))
    return n === undefined
      ? fail(c, 404, 'not_found', `No company ${c.req.param('realmId')}`)
      : c.json({ forgotten: n })
  })
  app.patch('/companies/:realmId/:entity/:id', async (c) => {
    const { realmId, entity, id } = c.req.param()
    if (!known(realmId)) return fail(c, 404, 'not_found', `No company ${realmId}`)
    const b = await body(c, Patch)
    if (!b.ok) return b.error
    return outcome(c, () => companies.bookkeeperEdit(realmId, entity, id, b.value))
  })
  app.delete('/companies/:realmId/:entity/:id', (c) => {
    const { realmId, entity, id } = c.req.param()
    if (!known(realmId)) return fail(c, 404, 'not_found', `No company ${realmId}`)
    return outcome(c, () => companies.bookkeeperDelete(realmId, entity, id))
  })

  app.route('/', bookkeeperRoutes(companies))

  // Behaviour Intuit leaves undocumented: requestid retention, the CDC cap.
  app.get('/behaviour', (c) => c.json(companies.behaviour()))
  app.put('/behaviour', async (c) => {
    const b = await body(c, ApiBehaviourSchema.partial())
    if (!b.ok) return b.error
    companies.setBehaviour(ApiBehaviourSchema.parse({ ...companies.behaviour(), ...b.value }))
    return c.json(companies.behaviour())
  })

  // Tokens.
  app.get('/tokens', (c) => c.json({ lifetimes: tokens.lifetimes(), connections: tokens.connections() }))
  app.post('/tokens/connect', async (c) => {
    const b = await body(c, Connect)
    if (!b.ok) return b.error
    const clientId = b.value.clientId ?? deps.apps.list()[0]?.clientId
    if (clientId === undefined || deps.apps.get(clientId) === undefined) return fail(c, 404, 'not_found', 'No such app')
    if (!known(b.value.realmId)) return fail(c, 404, 'not_found', `No company ${b.value.realmId}`)
    const t = tokens.connect({ clientId, realmId: b.value.realmId, scopes: b.value.scopes })
    return c.json({
      realmId: t.connection.realmId,
      token_type: 'bearer',
      access_token: t.accessToken,
      expires_in: t.expiresIn,
      refresh_token: t.refreshToken,
      x_refresh_token_expires_in: t.refreshExpiresIn,
    })
  })
  app.post('/tokens/expire', async (c) => {
    const b = await body(c, Expire)
    if (!b.ok) return b.error
    return c.json({ expired: tokens.expire(b.value) })
  })
  app.post('/tokens/revoke', async (c) => {
    const b = await body(c, TokenFilter)
    if (!b.ok) return b.error
    return c.json({ revoked: tokens.revokeAll(b.value) })
  })
  app.put('/tokens/lifetimes', async (c) => {
    const b = await body(c, TokenLifetimesSchema.partial())
    if (!b.ok) return b.error
    tokens.setLifetimes(TokenLifetimesSchema.parse({ ...tokens.lifetimes(), ...b.value }))
    return c.json(tokens.lifetimes())
  })

  // Clock.
  const clockView = () => ({ now: clock.now(), iso: new Date(clock.now()).toISOString(), timeScale: clock.timeScale })
  app.get('/clock', (c) => c.json(clockView()))
  app.post('/clock/advance', async (c) => {
    const b = await body(c, Advance)
    if (!b.ok) return b.error
    clock.advance('ms' in b.value ? b.value.ms : Math.round(b.value.seconds * 1000))
    return c.json(clockView())
  })

  // Request log.
  app.get('/requests', (c) => {
    const since = c.req.query('since')
    return c.json(
      deps.requestLog.entries({
        realmId: c.req.query('realmId'),
        since: since === undefined ? undefined : Number(since),
      }),
    )
  })
  app.delete('/requests', (c) => {
    deps.requestLog.clear()
    return c.body(null, 204)
  })

  // Chaos and limits, for every company or one.
  app.get('/chaos', (c) => c.json({ default: chaos.defaults(), overrides: chaos.overrides() }))
  app.put('/chaos', async (c) => {
    const b = await body(c, ChaosConfigSchema.partial())
    if (!b.ok) return b.error
    chaos.configure(ChaosConfigSchema.parse({ ...chaos.defaults(), ...b.value }))
    return c.json(chaos.defaults())
  })
  // The OAuth token endpoint has a chaos of its own: one stream, no per-company overrides.
  app.get('/chaos/tokens', (c) => c.json(deps.tokenChaos.defaults()))
  app.put('/chaos/tokens', async (c) => {
    const b = await body(c, TokenChaosConfigSchema.partial())
    if (!b.ok) return b.error
    deps.tokenChaos.configure(TokenChaosConfigSchema.parse({ ...deps.tokenChaos.defaults(), ...b.value }))
    return c.json(deps.tokenChaos.defaults())
  })
  app.put('/companies/:realmId/chaos', async (c) => {
    const realmId = c.req.param('realmId')
    const b = await body(c, ChaosConfigSchema.partial())
    if (!b.ok) return b.error
    chaos.configure(ChaosConfigSchema.parse({ ...chaos.configFor(realmId), ...b.value }), realmId)
    return c.json(chaos.configFor(realmId))
  })
  app.delete('/companies/:realmId/chaos', (c) => {
    chaos.clearOverride(c.req.param('realmId'))
    return c.body(null, 204)
  })
  app.get('/limits', (c) => c.json({ default: limiter.defaults(), overrides: limiter.overrides() }))
  app.put('/limits', async (c) => {
    const b = await body(c, LimitsSchema.partial())
    if (!b.ok) return b.error
    limiter.setLimits(LimitsSchema.parse({ ...limiter.defaults(), ...b.value }))
    return c.json(limiter.defaults())
  })
  app.put('/companies/:realmId/limits', async (c) => {
    const realmId = c.req.param('realmId')
    const b = await body(c, LimitsSchema.partial())
    if (!b.ok) return b.error
    limiter.setLimits(LimitsSchema.parse({ ...limiter.limitsFor(realmId), ...b.value }), realmId)
    return c.json(limiter.limitsFor(realmId))
  })
  app.delete('/companies/:realmId/limits', (c) => {
    limiter.clearOverride(c.req.param('realmId'))
    return c.body(null, 204)
  })

  // Apps (the developer portal's Keys and Webhooks pages) and webhook deliveries.
  app.get('/apps', (c) => c.json(deps.apps.list()))
  app.post('/apps', async (c) => {
    const b = await body(c, AppRegistrationSchema)
    if (!b.ok) return b.error
    return c.json(deps.apps.register(b.value), 201)
  })
  app.put('/apps/:clientId/webhook', async (c) => {
    const b = await body(c, WebhookConfigSchema)
    if (!b.ok) return b.error
    return deps.apps.setWebhook(c.req.param('clientId'), b.value)
      ? c.json(deps.apps.get(c.req.param('clientId')))
      : fail(c, 404, 'not_found', 'No such app')
  })
  app.delete('/apps/:clientId/webhook', (c) =>
    deps.apps.setWebhook(c.req.param('clientId'), undefined)
      ? c.body(null, 204)
      : fail(c, 404, 'not_found', 'No such app'),
  )
  app.get('/webhooks/deliveries', (c) => c.json(deps.webhooks.deliveries()))
  app.delete('/webhooks/deliveries', (c) => {
    deps.webhooks.clear()
    return c.body(null, 204)
  })

  return app
}
