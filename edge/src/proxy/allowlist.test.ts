import { describe, expect, it } from 'vitest'
import { checkAllowed } from './allowlist.ts'

const check = (method: string, pathAndQuery: string) => {
  const [path, qs] = pathAndQuery.split('?')
  return checkAllowed(method, path!.split('/'), new URLSearchParams(qs ?? ''), '9130')
}

describe('proxy allowlist', () => {
  it.each([
    ['POST', 'customer'],
    ['POST', 'customer?requestid=abc-123&minorversion=75'],
    ['POST', 'item?operation=update'],
    ['GET', 'invoice/42'],
    ['POST', 'invoice?operation=void&requestid=r1'],
    ['POST', 'invoice?operation=delete'],
    ['POST', 'payment?operation=delete'],
    ['POST', 'payment?operation=update&include=void'],
    ['GET', 'account/7'],
    ['GET', 'query?query=select%20*%20from%20Customer'],
    ['GET', `query?query=${encodeURIComponent('select * from Account where Active = true maxresults 1000')}`],
    ['GET', `query?query=${encodeURIComponent('SELECT COUNT(*) FROM Invoice')}`],
    ['POST', 'query'],
    ['GET', 'cdc?entities=Customer,Invoice&changedSince=2026-01-01T00:00:00Z'],
    ['GET', 'companyinfo/9130'],
    ['GET', 'preferences'],
  ])('forwards %s %s', (method, path) => {
    expect(check(method, path)).toEqual({ ok: true, value: { kind: 'call' } })
  })

  it('counts batch as a batch call', () => {
    expect(check('POST', 'batch?requestid=b1')).toEqual({ ok: true, value: { kind: 'batch' } })
  })

  it.each([
    ['GET', 'reports/ProfitAndLoss', 'not a QuickBooks call'],
    ['POST', 'vendor', 'not a QuickBooks call'],
    ['POST', 'employee', 'not a QuickBooks call'],
    ['DELETE', 'customer/1', 'not forwarded'],
    ['PUT', 'invoice', 'not forwarded'],
    ['POST', 'customer?operation=delete', 'operation=delete'],
    ['POST', 'item?operation=void', 'operation=void'],
    ['POST', 'invoice?include=void', 'include=void'],
    ['GET', 'invoice/42/pdf', 'not a QuickBooks path'],
    ['POST', 'invoice/42/send', 'not a QuickBooks path'],
    ['GET', 'customer/..%2F..', 'not a QuickBooks id'],
    ['GET', 'companyinfo/4620', "session's own company"],
    ['GET', 'query', 'needs a query'],
    ['POST', 'batch/1', 'not a QuickBooks call'],
    ['GET', 'cdc?entities=Customer&foo=1', '"foo"'],
    ['GET', 'customer/1?include=x', '"include"'],
    ['GET', '', 'empty'],
    ['POST', 'invoice?operation=update&operation=delete', '"operation" appears more than once'],
    ['POST', 'customer?operation=update&%6Fperation=delete', '"operation" appears more than once'],
    ['POST', 'customer?requestid=a&requestid=b', '"requestid" appears more than once'],
    [
      'GET',
      'query?query=select%20*%20from%20Customer&query=select%20*%20from%20Vendor',
      '"query" appears more than once',
    ],
    ['GET', `query?query=${encodeURIComponent('select * from Vendor')}`, 'queries of Vendor'],
    ['GET', `query?query=${encodeURIComponent('select * from Customer; select * from Employee')}`, 'only SELECT'],
    ['GET', 'cdc?entities=Customer,Bill&changedSince=2026-01-01', 'cdc of "Bill"'],
    ['GET', 'cdc?changedSince=2026-01-01', 'needs an entities'],
  ])('refuses %s %s with a reason', (method, path, reason) => {
    const r = check(method, path)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatchObject({ kind: 'not_forwarded', message: expect.stringContaining(reason) })
  })
})
