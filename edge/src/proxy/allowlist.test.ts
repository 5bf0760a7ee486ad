import { describe, expect, it } from 'vitest'
import { checkAllowed } from './allowlist.ts'

const q = encodeURIComponent
const check = (method: string, pathAndQuery: string) => {
  const at = pathAndQuery.indexOf('?')
  const path = at === -1 ? pathAndQuery : pathAndQuery.slice(0, at)
  return checkAllowed(method, path.split('/'), at === -1 ? '' : pathAndQuery.slice(at + 1))
}

describe('proxy allowlist: exactly the calls the engine makes', () => {
  it.each([
    // edge-gateway.ts query(), read(), write(), batch(), cdc(), as qboProxyPath encodes them
    [
      'GET',
      `query?query=${q('select * from Account where Active = true maxresults 1000')}`,
      'query',
      [['query', 'select * from Account where Active = true maxresults 1000']],
    ],
    [
      'GET',
      'query?query=SELECT+*+FROM+Invoice+WHERE+Id+IN+%28%271%27%29+MAXRESULTS+1000',
      'query',
      [['query', "SELECT * FROM Invoice WHERE Id IN ('1') MAXRESULTS 1000"]],
    ],
    ['GET', `query?query=${q('SELECT COUNT(*) FROM Invoice')}`, 'query', [['query', 'SELECT COUNT(*) FROM Invoice']]],
    ['GET', 'invoice/42', 'invoice/42', []],
    ['GET', 'payment/7', 'payment/7', []],
    ['POST', 'customer?requestid=abc-123', 'customer', [['requestid', 'abc-123']]],
    [
      'POST',
      'item?requestid=r1&operation=update',
      'item',
      [
        ['requestid', 'r1'],
        ['operation', 'update'],
      ],
    ],
    [
      'POST',
      'invoice?requestid=r1&operation=void',
      'invoice',
      [
        ['requestid', 'r1'],
        ['operation', 'void'],
      ],
    ],
    [
      'POST',
      'payment?requestid=r1&operation=update&include=void',
      'payment',
      [
        ['requestid', 'r1'],
        ['operation', 'update'],
        ['include', 'void'],
      ],
    ],
    // The order the edge sends is its own, whatever order came in.
    [
      'POST',
      'payment?include=void&operation=update&requestid=r1',
      'payment',
      [
        ['requestid', 'r1'],
        ['operation', 'update'],
        ['include', 'void'],
      ],
    ],
    ['POST', 'customer', 'customer', []],
    [
      'POST',
      'payment?requestid=r1&operation=delete',
      'payment',
      [
        ['requestid', 'r1'],
        ['operation', 'delete'],
      ],
    ],
    [
      'GET',
      'cdc?entities=Customer%2CItem%2CInvoice%2CPayment&changedSince=2026-01-01T00%3A00%3A00.000Z',
      'cdc',
      [
        ['entities', 'Customer,Item,Invoice,Payment'],
        ['changedSince', '2026-01-01T00:00:00.000Z'],
      ],
    ],
  ])('forwards %s %s as %s with its parameters', (method, path, upstreamPath, params) => {
    expect(check(method, path)).toMatchObject({ ok: true, value: { method, path: upstreamPath, params, kind: 'call' } })
  })

  it('counts a batch as a batch call, with a batch body', () => {
    expect(check('POST', 'batch?requestid=b1')).toEqual({
      ok: true,
      value: {
        kind: 'batch',
        method: 'POST',
        path: 'batch',
        params: [['requestid', 'b1']],
        body: 'batch',
        permission: 'records',
      },
    })
  })

  it('asks deletes and voids for the deleteInQuickBooks permission, with a delete body for a delete', () => {
    const judged = (path: string) => {
      const r = check('POST', path)
      return r.ok ? [r.value.permission, r.value.body] : r.error.message
    }
    expect(judged('payment?operation=delete')).toEqual(['deleteInQuickBooks', 'delete'])
    expect(judged('invoice?operation=void')).toEqual(['deleteInQuickBooks', 'entity'])
    expect(judged('payment?operation=update&include=void')).toEqual(['deleteInQuickBooks', 'entity'])
    expect(judged('invoice?operation=update')).toEqual(['records', 'entity'])
    expect(judged('batch')).toEqual(['records', 'batch'])
    expect(check('GET', 'invoice/1')).toMatchObject({ ok: true, value: { permission: 'records' } })
  })

  it.each([
    // deletes: only a payment's, on its own call
    ['POST', 'invoice?operation=delete', 'operation=delete'],
    ['POST', 'payment?operation=delete&include=void', 'include=void'],
    ['POST', 'customer?operation=delete', 'operation=delete'],
    ['POST', 'item?operation=delete', 'operation=delete'],
    ['DELETE', 'customer/1', 'not a call the app makes'],
    ['PUT', 'invoice', 'not a call the app makes'],
    ['POST', 'item?operation=void', 'operation=void'],
    ['POST', 'payment?operation=void', 'operation=void'],
    ['POST', 'invoice?include=void', 'include=void'],
    ['POST', 'invoice?operation=update&include=void', 'include=void'],
    // endpoints the app does not call
    ['POST', 'query', 'not a call the app makes'],
    ['POST', 'query?query=select+*+from+Customer', 'not a call the app makes'],
    ['GET', 'preferences', 'not a call the app makes'],
    ['GET', 'companyinfo/9130', 'not a call the app makes'],
    ['GET', 'account/7', 'not a call the app makes'],
    ['GET', 'reports/ProfitAndLoss', 'not a call the app makes'],
    ['POST', 'vendor', 'not a call the app makes'],
    ['GET', 'invoice/42/pdf', 'not a call the app makes'],
    ['POST', 'invoice/42/send', 'not a call the app makes'],
    ['POST', 'batch/1', 'not a call the app makes'],
    ['GET', 'batch', 'not a call the app makes'],
    ['GET', '', 'empty'],
    ['GET', 'customer/..%2F..', 'not a QuickBooks id'],
    // parameters
    ['GET', 'query', 'needs a query parameter'],
    ['GET', 'customer/1?include=x', '"include" is not forwarded'],
    ['GET', 'customer/1?minorversion=4', '"minorversion" is not forwarded'],
    ['GET', 'query?query=select+*+from+Customer&requestid=r', '"requestid" is not forwarded'],
    ['GET', 'cdc?entities=Customer&foo=1', '"foo"'],
    ['GET', 'cdc?entities=Customer,Bill&changedSince=2026-01-01', 'cdc of "Bill"'],
    ['GET', 'cdc?entities=Account&changedSince=2026-01-01', 'cdc of "Account"'],
    ['GET', 'cdc?changedSince=2026-01-01', 'needs a entities'],
    ['GET', 'cdc?entities=Customer&changedSince=yesterday', 'changedSince'],
    ['POST', 'customer?requestid=a%20b', 'requestid must be'],
    ['GET', `query?query=${q('select * from Employee')}`, 'queries of Employee'],
    ['GET', `query?query=${q('select * from Customer; select * from Employee')}`, 'only SELECT'],
    // what the edge could not rebuild as it read it
    ['GET', `query?query=${q('select * from Customer')};query=${q('select * from Employee')}`, '";"'],
    ['GET', 'query?query=select+*+from+Customer%3Bselect+*+from+Employee', 'only SELECT'],
    ['POST', 'invoice?operation=update&operation=delete', '"operation" appears more than once'],
    ['POST', 'customer?requestid=a&requestid=b', '"requestid" appears more than once'],
    ['POST', 'customer?operation=update&%6Fperation=delete', 'is not forwarded'],
    ['POST', 'customer?requestid=r&&operation=update', 'is not forwarded'],
    ['POST', 'customer?requestid', 'is not forwarded'],
    ['GET', 'query?query=%E0%A4%A', 'malformed percent-escape'],
  ])('refuses %s %s with a reason', (method, path, reason) => {
    const r = check(method, path)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatchObject({ kind: 'not_forwarded', message: expect.stringContaining(reason) })
  })
})
