/** The authorize page: consent, company choice, and the errors it redirects or shows. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { realmA, realmB } from '../../test-support/stub-companies.ts'
import { app, authorizeUrl, consent, redirectUri, startWorld, type World } from '../../test-support/world.ts'

let w: World
beforeEach(async () => {
  w = await startWorld()
})
afterEach(() => w.close())

describe('authorize page', () => {
  it("shows the app, the scopes and a picker of the user's companies", async () => {
    const res = await fetch(authorizeUrl(w))
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain(`${app.appName} wants to connect`)
    expect(html).toContain('customers, products and services, invoices and payments')
    expect(html).toContain(`value="${realmA}"`)
    expect(html).toContain(`value="${realmB}"`)
    expect(html).toMatch(/name="decision" value="connect"/)
    expect(html).toMatch(/name="decision" value="cancel"/)
    // Implicit submission (Enter) uses the first submit button: it must be Connect, not Cancel.
    expect(html.indexOf('value="connect"')).toBeLessThan(html.indexOf('value="cancel"'))
  })

  it('shows the single company without a picker when the user has one', async () => {
    w.stub.list = () => [{ realmId: realmA, companyName: 'Only One Co' }]
    const html = await (await fetch(authorizeUrl(w))).text()
    expect(html).toContain('Only One Co')
    expect(html).not.toContain('type="radio"')
  })

  it('escapes company names', async () => {
    w.stub.list = () => [{ realmId: realmA, companyName: '<script>alert(1)</script> & Sons' }]
    const html = await (await fetch(authorizeUrl(w))).text()
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Sons')
    expect(html).not.toContain('<script>alert')
  })

  it('redirects with code, state and the chosen realmId on Connect', async () => {
    const loc = await consent(w, 'connect', realmB)
    expect(loc.origin + loc.pathname).toBe(redirectUri)
    expect(loc.searchParams.get('state')).toBe('st-123')
    expect(loc.searchParams.get('realmId')).toBe(realmB)
    expect(loc.searchParams.get('code')).toMatch(/^AB11/)
  })

  it('redirects with error=access_denied and the state on Cancel', async () => {
    const loc = await consent(w, 'cancel')
    expect(loc.searchParams.get('error')).toBe('access_denied')
    expect(loc.searchParams.get('state')).toBe('st-123')
    expect(loc.searchParams.has('code')).toBe(false)
  })

  it.each([
    ['an unknown client_id', { client_id: 'nobody' }],
    ['an unregistered redirect_uri', { redirect_uri: 'https://evil.example/callback' }],
    ['a redirect_uri differing only by a trailing slash', { redirect_uri: `${redirectUri}/` }],
  ])('refuses %s with an error page and never redirects', async (_name, params) => {
    const res = await fetch(authorizeUrl(w, params), { redirect: 'manual' })
    expect(res.status).toBe(400)
    expect(res.headers.get('location')).toBeNull()
    // The consent form re-checks: a tampered form is refused the same way.
    const post = await fetch(`${w.url}/connect/oauth2`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({
        client_id: app.clientId,
        redirect_uri: redirectUri,
        scope: 'openid',
        state: 's',
        response_type: 'code',
        realmId: realmA,
        decision: 'connect',
        ...params,
      }),
    })
    expect(post.status).toBe(400)
    expect(post.headers.get('location')).toBeNull()
  })

  it.each([
    [{ scope: 'com.intuit.quickbooks.everything' }, 'invalid_scope'],
    [{ response_type: 'token' }, 'unsupported_response_type'],
    [{ state: '' }, 'invalid_request'],
  ])('reports %o to the app as %s through the redirect', async (params, error) => {
    const res = await fetch(authorizeUrl(w, params), { redirect: 'manual' })
    expect(res.status).toBe(302)
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe(error)
  })

  it.each([
    ['no scope parameter', (u: URL) => u.searchParams.delete('scope')],
    ['an empty scope', (u: URL) => u.searchParams.set('scope', '  ')],
    [
      'one unknown scope among known ones',
      (u: URL) => u.searchParams.set('scope', 'openid com.intuit.quickbooks.accounting.readonly'),
    ],
  ])(
    'answers %s with error=invalid_scope and the state, issuing no code (docs/quickbooks.md §1.4)',
    async (_name, change) => {
      const url = new URL(authorizeUrl(w))
      change(url)
      const res = await fetch(url, { redirect: 'manual' })
      const back = new URL(res.headers.get('location')!)
      expect([
        res.status,
        back.searchParams.get('error'),
        back.searchParams.get('state'),
        back.searchParams.has('code'),
      ]).toEqual([302, 'invalid_scope', 'st-123', false])
    },
  )
})
