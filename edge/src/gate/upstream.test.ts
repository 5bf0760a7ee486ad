import { describe, expect, it } from 'vitest'
import { upstreamUrl } from './upstream.ts'

const config = { apiBase: 'https://sandbox-quickbooks.api.intuit.com', minorVersion: '75' }

describe('upstream URL', () => {
  it('puts the call under the realm, sets minorversion and keeps requestid byte for byte', () => {
    const url = new URL(
      upstreamUrl(config, { realmId: '9130', path: 'invoice', search: 'requestid=a%2Bb%20c&operation=void' }),
    )
    expect(url.pathname).toBe('/v3/company/9130/invoice')
    expect(url.search).toContain('requestid=a%2Bb%20c&')
    expect(url.searchParams.get('requestid')).toBe('a+b c')
    expect(url.searchParams.get('operation')).toBe('void')
    expect(url.searchParams.get('minorversion')).toBe('75')
  })

  it("replaces a caller's minorversion with the configured one", () => {
    const url = new URL(upstreamUrl(config, { realmId: '9130', path: 'customer/1', search: 'minorversion=4' }))
    expect(url.searchParams.getAll('minorversion')).toEqual(['75'])
  })

  it('survives malformed percent-encoding in a parameter', () => {
    const url = upstreamUrl(config, { realmId: '9130', path: 'query', search: 'query=%E0%A4%A&minor%76ersion=3' })
    expect(url).toContain('query=%E0%A4%A&minorversion=75')
    expect(url).not.toContain('minor%76ersion')
  })
})
