/**
 * @module
 * Puts the emulator together: Intuit's OAuth and OpenID endpoints, the Accounting API from the company
 * module behind bearer auth, per-company limits and chaos, webhooks on every change, the admin API and
 * the request log. Everything stateful is created here from options, so each test gets its own world.
 *
 * @example
 * const emu = createEmulator({ companies: createCompanies({ clock, seed: 'small' }), clock })
 * const res = await emu.app.request('/health')
 */
import { Hono } from 'hono'
import type { ControllableClock } from './clock.ts'
import type { CompaniesPort } from './companies-port.ts'
import {
  ChaosConfigSchema,
  LimitsSchema,
  TokenChaosConfigSchema,
  TokenLifetimesSchema,
  defaultApp,
  type AppRegistrationInput,
  type ChaosConfigInput,
  type TokenChaosConfigInput,
  type Limits,
  type TokenLifetimes,
} from './config.ts'
import type { EmulatorEnv } from './env.ts'
import { systemFault } from './gateway-faults.ts'
import { adminRoutes } from './admin/admin-routes.ts'
import { createRequestLog, type RequestLog } from './admin/request-log.ts'
import { createChaos, type Chaos } from './chaos/chaos-policy.ts'
import { chaosMiddleware, isDroppedConnection, realStall, type StallDelay } from './chaos/chaos-middleware.ts'
import { tokenChaosMiddleware } from './chaos/token-chaos.ts'
import { createRealmLimiter, type RealmLimiter } from './limits/realm-limiter.ts'
import { limitsMiddleware } from './limits/limits-middleware.ts'
import { createAppRegistry, type AppRegistry } from './oauth/apps.ts'
import { authorizeRoutes } from './oauth/authorize-routes.ts'
import { bearerAuth } from './oauth/bearer-auth.ts'
import { createIdTokenSigner, openidRoutes } from './oauth/openid.ts'
import { tokenRoutes } from './oauth/token-routes.ts'
import { createTokenStore, type TokenStore } from './oauth/token-store.ts'
import { createWebhookNotifier, type Scheduler, type WebhookNotifier } from './webhooks/notifier.ts'

export interface EmulatorOptions {
  companies: CompaniesPort
  clock: ControllableClock
  /** Registered apps; defaults to Fieldsync's local app. */
  apps?: AppRegistrationInput[]
  limits?: Partial<Limits>
  tokenLifetimes?: Partial<TokenLifetimes>
  chaos?: ChaosConfigInput
  /** Chaos on the OAuth token endpoint (off by default), separate from the API's. */
  tokenChaos?: TokenChaosConfigInput
  /** How a chaos stall waits (real ms, or until the client disconnects); tests pass one they control. */
  delay?: StallDelay
  webhooks?: {
    scheduler?: Scheduler
    fetch?: typeof fetch
    batchWindowMs?: number
    ackTimeoutMs?: number
    maxAttempts?: number
  }
}

export interface Emulator {
  app: Hono<EmulatorEnv>
  clock: ControllableClock
  companies: CompaniesPort
  apps: AppRegistry
  tokens: TokenStore
  limiter: RealmLimiter
  chaos: Chaos
  tokenChaos: Chaos
  requestLog: RequestLog
  webhooks: WebhookNotifier
  /** Stops timers (webhook retries); in-flight requests are not waited for. */
  stop(): void
}

export function createEmulator(opts: EmulatorOptions): Emulator {
  const { clock, companies } = opts
  const apps = createAppRegistry(opts.apps ?? [{ ...defaultApp, redirectUris: [...defaultApp.redirectUris] }])
  const tokens = createTokenStore({ clock, lifetimes: TokenLifetimesSchema.parse(opts.tokenLifetimes ?? {}) })
  const limiter = createRealmLimiter({ clock, limits: LimitsSchema.parse(opts.limits ?? {}) })
  const chaos = createChaos(ChaosConfigSchema.parse(opts.chaos ?? {}))
  const tokenChaos = createChaos(TokenChaosConfigSchema.parse(opts.tokenChaos ?? {}))
  const delay = opts.delay ?? realStall
  const requestLog = createRequestLog({ clock })
  const webhooks = createWebhookNotifier({
    apps,
    isConnected: tokens.isConnected,
    clock,
    timeScale: clock.timeScale,
    ...opts.webhooks,
  })
  companies.onChange((change) => webhooks.notify(change))
  const signer = createIdTokenSigner(clock)

  const app = new Hono<EmulatorEnv>()
  app.use('*', requestLog.middleware())
  app.use('*', async (c, next) => {
    await next()
    // Intuit's transaction id, on every answer; clients log it for support.
    c.res.headers.set('intuit_tid', crypto.randomUUID())
  })
  app.onError((err, c) => {
    // A dropped connection must reach the caller as a network failure, not as a 500.
    if (isDroppedConnection(err)) throw err
    console.error('[qbo-emulator]', c.req.method, c.req.path, err)
    return systemFault(clock.now())
  })

  app.get('/health', (c) => c.json({ ok: true, companies: companies.list().length }))
  app.route('/', authorizeRoutes({ apps, tokens, companies }))
  app.use('/oauth2/v1/tokens/bearer', tokenChaosMiddleware({ chaos: tokenChaos, clock, delay }))
  app.route('/', tokenRoutes({ apps, tokens, signer }))
  app.route('/', openidRoutes({ tokens, signer }))
  app.route(
    '/__admin',
    adminRoutes({ clock, companies, apps, tokens, limiter, chaos, tokenChaos, requestLog, webhooks }),
  )

  app.use('/v3/company/:realmId/*', bearerAuth({ tokens, clock }))
  app.use('/v3/company/:realmId/*', limitsMiddleware({ limiter, clock }))
  app.use('/v3/company/:realmId/*', chaosMiddleware({ chaos, clock, delay }))
  app.route('/v3/company/:realmId', companies.accountingRoutes())

  return {
    app,
    clock,
    companies,
    apps,
    tokens,
    limiter,
    chaos,
    tokenChaos,
    requestLog,
    webhooks,
    stop: () => webhooks.stop(),
  }
}
