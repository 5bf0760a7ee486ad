import { describe, expect, it } from 'vitest'
import { decide, isEdgePath } from './cache-policy.ts'

const origin = 'https://app.example'
const precached = new Set(['/', '/index.html', '/assets/index-abc123.js', '/manifest.webmanifest'])
const get = (path: string, mode = 'no-cors') => ({ method: 'GET', url: origin + path, mode })

describe('service worker cache policy', () => {
  it('serves the build files from the precache', () => {
    expect(decide(get('/assets/index-abc123.js'), origin, precached)).toEqual({
      kind: 'precached',
      path: '/assets/index-abc123.js',
    })
    expect(decide(get('/manifest.webmanifest'), origin, precached)).toMatchObject({ kind: 'precached' })
  })

  it('answers any navigation with the cached app shell, so a reload works offline', () => {
    expect(decide(get('/', 'navigate'), origin, precached)).toMatchObject({ kind: 'precached', path: '/' })
    expect(decide(get('/contacts?demo=1', 'navigate'), origin, precached)).toEqual({ kind: 'shell' })
  })

  it('never caches the edge routes, even for navigations', () => {
    for (const path of [
      '/api/session',
      '/api/qbo/v3/company/1/query',
      '/auth/intuit/connect',
      '/auth/intuit/callback?code=x',
      '/webhooks/intuit',
      '/health',
    ]) {
      expect(decide(get(path, 'navigate'), origin, precached)).toEqual({ kind: 'network' })
    }
  })

  it('leaves writes and other origins to the network', () => {
    expect(
      decide({ method: 'POST', url: origin + '/assets/index-abc123.js', mode: 'cors' }, origin, precached),
    ).toEqual({ kind: 'network' })
    expect(
      decide({ method: 'GET', url: 'https://other.example/assets/index-abc123.js', mode: 'cors' }, origin, precached),
    ).toEqual({ kind: 'network' })
  })

  it('tells edge paths from app paths that merely look alike', () => {
    expect(isEdgePath('/api')).toBe(true)
    expect(isEdgePath('/apiary.png')).toBe(false)
    expect(isEdgePath('/authors')).toBe(false)
    expect(isEdgePath('/healthcheck')).toBe(false)
    expect(isEdgePath('/auth/disconnect')).toBe(true)
  })
})
