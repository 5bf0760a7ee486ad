/**
 * The deployed Worker, through its own fetch in workerd with wrangler.toml's `[assets]` (the production build in
 * dist/): the app's files with their cache headers and the app routes' fallback, and the edge's routes beside them.
 */
import { SELF } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'

const origin = 'http://127.0.0.1:5173'
const get = (path: string, init?: RequestInit) => SELF.fetch(`${origin}${path}`, { redirect: 'manual', ...init })

async function entryScript(): Promise<string> {
  const html = await (await get('/')).text()
  const src = /<script type="module"[^>]*src="([^"]+)"/.exec(html)?.[1]
  if (!src) throw new Error('index.html names no module script')
  return src
}

describe('the app from static assets', () => {
  it('serves index.html at / and asks for it afresh every time', async () => {
    const res = await get('/')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(res.headers.get('cache-control')).toBe('no-cache')
    expect(await res.text()).toContain('<div id="root"></div>')
  })

  it('keeps hashed files a year, immutable', async () => {
    const src = await entryScript()
    expect(src).toMatch(/^\/assets\/.+\.js$/)
    const res = await get(src)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/javascript/)
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
  })

  it('never lets the service worker be cached', async () => {
    const res = await get('/sw.js')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-cache')
    expect(await res.text()).toContain('fieldsync-shell-')
  })

  it('answers an app route with index.html', async () => {
    for (const path of ['/contacts', '/invoices/new', '/settings']) {
      const res = await get(path)
      expect(res.status, path).toBe(200)
      expect(res.headers.get('cache-control'), path).toBe('no-cache')
      expect(await res.text(), path).toContain('<div id="root"></div>')
    }
  })

  it('answers a hashed file missing from this build with 404, not index.html', async () => {
    const res = await get('/assets/index-00000000.js')
    expect(res.status).toBe(404)
    expect(res.headers.get('cache-control')).toBe('no-store')
    await res.body?.cancel()
  })
})

describe('the edge beside it on the same origin', () => {
  it('answers /health itself', async () => {
    const res = await get('/health')
    expect(await res.json()).toEqual({ ok: true, service: 'fieldsync-edge' })
  })

  it('answers the API, never with index.html', async () => {
    const session = await get('/api/session')
    expect(session.headers.get('content-type')).toMatch(/^application\/json/)
    await session.body?.cancel()
    const missing = await get('/api/no-such-route')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } })
  })

  it('starts the Intuit connect flow', async () => {
    const res = await get('/auth/intuit/connect')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toMatch(/\/connect\/oauth2|authorize/)
    await res.body?.cancel()
  })

  it('checks a webhook delivery, refusing an unsigned one', async () => {
    const res = await get('/webhooks/intuit', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    })
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    await res.body?.cancel()
  })
})
