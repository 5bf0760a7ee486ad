/**
 * The edge's routes. Configuration is parsed once per env; every route but /health needs it and
 * answers `config_missing` when it is incomplete (the connect routes through the app, as any
 * connect failure), naming what is missing in the log only. The app's own routes take same-origin
 * browser requests only (http/browser-only.ts).
 */
import { Hono } from 'hono'
import { readAppOrigin, readConfig, type AppEnv } from './env.ts'
import { apiError } from './errors.ts'
import { apiAnswerHeaders, browserOnly } from './http/browser-only.ts'
import { connectRoutes } from './routes/connect.ts'
import { connectConfigMissing } from './routes/connect-result.ts'
import { companySettingsRoutes } from './routes/company-settings.ts'
import { disconnectRoutes } from './routes/disconnect.ts'
import { feedRoutes } from './routes/feed.ts'
import { numberRoutes } from './routes/numbers.ts'
import { proxyRoutes } from './routes/proxy.ts'
import { sessionRoutes } from './routes/session.ts'
import { teamRoutes } from './routes/team.ts'
import { webhookRoutes } from './routes/webhooks.ts'

export const app = new Hono<AppEnv>()

app.get('/health', (c) => c.json({ ok: true, service: 'fieldsync-edge' }))

app.use('/api/*', apiAnswerHeaders)
app.use('/auth/disconnect', apiAnswerHeaders)

app.use('*', async (c, next) => {
  const config = readConfig(c.env)
  if (!config.ok) {
    console.error('edge not configured:', config.error.message)
    // The connect routes run in the browser's window or popup, where a JSON body means nothing.
    if (c.req.path.startsWith('/auth/intuit/')) {
      const presentation =
        c.req.path === '/auth/intuit/connect' ? (c.req.query('popup') === '1' ? 'popup' : 'redirect') : 'unknown'
      return connectConfigMissing(c, readAppOrigin(c.env), presentation)
    }
    return apiError(c, 'config_missing', 'The Fieldsync server is not set up yet; QuickBooks cannot be reached.')
  }
  c.set('config', config.value)
  await next()
})

app.use('/api/*', browserOnly)
app.use('/auth/disconnect', browserOnly)

app.route('/auth/intuit', connectRoutes)
app.route('/auth/disconnect', disconnectRoutes)
app.route('/api/session', sessionRoutes)
app.route('/api/qbo', proxyRoutes)
app.route('/api/team', teamRoutes)
app.route('/api/company/settings', companySettingsRoutes)
app.route('/api/feed', feedRoutes)
app.route('/api/numbers', numberRoutes)
app.route('/webhooks', webhookRoutes)

app.notFound((c) => apiError(c, 'not_found', 'There is nothing here.'))

app.onError((err, c) => {
  console.error('edge error', err)
  return apiError(c, 'internal', 'Something went wrong at the edge; please try again.')
})
