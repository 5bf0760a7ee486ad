import { describe, expect, it } from 'vitest'
import { upstreamUrl } from './upstream.ts'

const config = { apiBase: 'https://sandbox-quickbooks.api.intuit.com', minorVersion: '75' }

describe('upstream URL', () => {
  it('puts the call under the realm and rebuilds the query from the checked parameters', () => {
    const url = new URL(
      upstreamUrl(config, {
        realmId: '9130',
        path: 'invoice',
        params: [
          ['requestid', 'a+b c'],
          ['operation', 'void'],
        ],
      }),
    )
    expect(url.pathname).toBe('/v3/company/9130/invoice')
    expect(url.search).toBe('?requestid=a%2Bb+c&operation=void&minorversion=75')
  })

  it('adds minorversion to a call without parameters', () => {
    expect(upstreamUrl(config, { realmId: '9130', path: 'customer/1', params: [] })).toBe(
      'https://sandbox-quickbooks.api.intuit.com/v3/company/9130/customer/1?minorversion=75',
    )
  })
})
