/**
 * @module
 * `GET /connect/oauth2`, Intuit's authorize endpoint (docs/quickbooks.md §1.3–1.4), and the consent form's POST.
 * An unknown client or an unregistered redirect_uri gets an error page and never a redirect; every other
 * problem is reported to the app through the redirect, as OAuth 2.0 requires.
 */
import { Hono } from 'hono'
import type { CompaniesPort } from '../companies-port.ts'
import type { AppRegistry } from './apps.ts'
import { consentPage, errorPage, noCompanyPage } from './consent-page.ts'
import { parseScopes } from './scopes.ts'
import type { TokenStore } from './token-store.ts'

export interface AuthorizeDeps {
  apps: AppRegistry
  tokens: TokenStore
  companies: Pick<CompaniesPort, 'list'>
}

type Params = Record<string, string | undefined>

function redirectTo(uri: string, params: Record<string, string>): string {
  const url = new URL(uri)
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v)
  return url.toString()
}

type Checked =
  | { kind: 'page'; status: 400; html: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'ok'; appName: string; clientId: string; redirectUri: string; scopes: string[]; state: string }

function check(deps: AuthorizeDeps, p: Params): Checked {
  const app = p.client_id === undefined ? undefined : deps.apps.get(p.client_id)
  if (app === undefined)
    return {
      kind: 'page',
      status: 400,
      html: errorPage(
        'Invalid client',
        'The app that sent you here is not registered with QuickBooks (unknown client_id).',
      ),
    }
  const redirectUri = p.redirect_uri
  if (redirectUri === undefined || !app.redirectUris.includes(redirectUri))
    return {
      kind: 'page',
      status: 400,
      html: errorPage(
        'Invalid redirect URI',
        'The redirect_uri in this request does not match any redirect URI registered for this app.',
      ),
    }
  const state = p.state
  const fail = (error: string) => ({
    kind: 'redirect' as const,
    location: redirectTo(redirectUri, state === undefined ? { error } : { error, state }),
  })
  if (p.response_type !== 'code') return fail('unsupported_response_type')
  const scopes = parseScopes(p.scope)
  if (scopes === null) return fail('invalid_scope')
  if (state === undefined || state === '') return fail('invalid_request')
  return { kind: 'ok', appName: app.appName, clientId: app.clientId, redirectUri, scopes, state }
}

export function authorizeRoutes(deps: AuthorizeDeps): Hono {
  const app = new Hono()

  app.get('/connect/oauth2', (c) => {
    const p = c.req.query()
    const checked = check(deps, p)
    if (checked.kind === 'page') return c.html(checked.html, checked.status)
    if (checked.kind === 'redirect') return c.redirect(checked.location, 302)
    const companies = deps.companies.list()
    if (companies.length === 0) return c.html(noCompanyPage(checked.appName), 200)
    return c.html(
      consentPage({
        appName: checked.appName,
        scopes: checked.scopes,
        companies,
        params: {
          client_id: checked.clientId,
          redirect_uri: checked.redirectUri,
          scope: p.scope ?? '',
          state: checked.state,
          response_type: 'code',
        },
      }),
    )
  })

  app.post('/connect/oauth2', async (c) => {
    const form = await c.req.parseBody()
    const p: Params = {}
    for (const [k, v] of Object.entries(form)) if (typeof v === 'string') p[k] = v
    const checked = check(deps, p)
    if (checked.kind === 'page') return c.html(checked.html, checked.status)
    if (checked.kind === 'redirect') return c.redirect(checked.location, 302)
    if (p.decision !== 'connect')
      return c.redirect(redirectTo(checked.redirectUri, { error: 'access_denied', state: checked.state }), 302)
    const realmId = p.realmId
    if (realmId === undefined || !deps.companies.list().some((co) => co.realmId === realmId))
      return c.html(errorPage('Choose a company', 'Pick one of your QuickBooks companies to connect.'), 400)
    const code = deps.tokens.issueCode({
      clientId: checked.clientId,
      redirectUri: checked.redirectUri,
      realmId,
      scopes: checked.scopes,
    })
    return c.redirect(redirectTo(checked.redirectUri, { code, state: checked.state, realmId }), 302)
  })

  return app
}
