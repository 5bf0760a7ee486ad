/**
 * The edge's routes. Configuration is parsed once per env; every route but /health needs it and
 * answers `config_missing` naming the variables when it is incomplete (the connect routes through
 * the app, as any connect failure). Browser-facing routes accept cross-origin calls from APP_ORIGIN only.
 */
import { Hono } from 'hono'
import { cors } from 'hono/cors'
import { createMiddleware } from 'hono/factory'
import { readAppOrigin, readConfig, type AppEnv } from './env.ts'
import { apiError } from './errors.ts'
import { connectRoutes } from './routes/connect.ts'
import { connectConfigMissing } from './routes/connect-result.ts'
import { disconnectRoutes } from './routes/disconnect.ts'
import { proxyRoutes } from './routes/proxy.ts'
import { sessionRoutes } from './routes/session.ts'
import { webhookRoutes } from './routes/webhooks.ts'

export const app = new Hono<AppEnv>()

app.get('/health', (c) => c.json({ ok: true, service: 'fieldsync-edge' }))

app.use('*', async (c, next) => {
  const config = readConfig(c.env)
  if (!config.ok) {
    console.error('edge not configured:', config.error.message)
    // The connect routes run in the browser's window or popup, where a JSON body means nothing.
    if (c.req.path.startsWith('/auth/intuit/')) {
      const presentation =
        c.req.path === '/auth/intuit/connect' ? (c.req.query('popup') === '1' ? 'popup' : 'redirect') : 'unknown'
      return connectConfigMissing(c, readAppOrigin(c.env), presentation, config.error.message)
    }
    return apiError(c, 'config_missing', config.error.message)
  }
  c.set('config', config.value)
  await next()
})

const appOnlyCors = cors({
  origin: (origin, c) => (origin === c.get('config').appOrigin ? origin : null),
  credentials: true,
  allowMethods: ['GET', 'POST'],
  allowHeaders: ['Content-Type'],
  exposeHeaders: ['Retry-After', 'intuit_tid'],
  maxAge: 600,
})
app.use('/api/*', appOnlyCors)
app.use('/auth/disconnect', appOnlyCors)

// Cookies are SameSite=Lax already; refusing other origins' writes outright is the second lock.
const sameAppWrites = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.method !== 'OPTIONS') {
    const origin = c.req.header('origin')
    if (origin !== undefined && origin !== c.get('config').appOrigin) {
      return apiError(c, 'forbidden_origin', `Requests from ${origin} are not accepted.`)
    }
  }
  await next()
})
app.use('/api/*', sameAppWrites)
app.use('/auth/*', sameAppWrites)

app.route('/auth/intuit', connectRoutes)
app.route('/auth/disconnect', disconnectRoutes)
app.route('/api/session', sessionRoutes)
app.route('/api/qbo', proxyRoutes)
app.route('/webhooks', webhookRoutes)

app.notFound((c) => apiError(c, 'not_found', `Nothing at ${c.req.method} ${new URL(c.req.url).pathname}.`))
app.onError((err, c) => {
  console.error('edge error', err)
  return apiError(c, 'internal', 'Something went wrong at the edge; please try again.')
})
