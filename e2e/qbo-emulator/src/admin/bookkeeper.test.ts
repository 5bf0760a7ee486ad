import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createEmulator } from '../app.ts'
import { createManualClock } from '../clock.ts'
import { createCompanies } from '../company/index.ts'
import { listen, type Listening } from '../listen.ts'
import { SMALL_REALM_ID } from '../seeds/small.ts'

// The bookkeeper's admin calls over HTTP, against a real company (the small seed).
let server: Listening
let token = ''
const realm = SMALL_REALM_ID
beforeEach(async () => {
  const clock = createManualClock(Date.parse('2026-03-01T18:00:00Z'))
  server = await listen(createEmulator({ companies: createCompanies({ clock, seed: 'small' }), clock }))
  const t = await admin('/tokens/connect', 'POST', { realmId: realm })
  token = ((await t.json()) as { access_token: string }).access_token
})
afterEach(() => server.close())

function admin(path: string, method = 'GET', json?: unknown) {
  return fetch(`${server.url}/__admin${path}`, {
    method,
    ...(json === undefined ? {} : { body: JSON.stringify(json), headers: { 'Content-Type': 'application/json' } }),
  })
}
async function api(path: string, json?: unknown) {
  const res = await fetch(`${server.url}/v3/company/${realm}${path}`, {
    method: json === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', 'Content-Type': 'application/json' },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}
/** The parts of a created record the steps below go on with. */
interface Made {
  Id: string
  SyncToken: string
}
const made = async (res: Response) => (await res.json()) as Made
const line = { DetailType: 'SalesItemLineDetail', Amount: 89, SalesItemLineDetail: { ItemRef: { value: '1' } } }

describe('admin: the bookkeeper', () => {
  it('switches a company to custom numbers that refuse duplicates; the API then answers 6140', async () => {
    const res = await admin(`/companies/${realm}/numbering`, 'PUT', { customTxnNumbers: true })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ SalesFormsPrefs: { CustomTxnNumbers: true } })
    const r = await api('/invoice?minorversion=75', { CustomerRef: { value: '1' }, DocNumber: '1001', Line: [line] })
    expect(r.status).toBe(400)
    expect(r.body).toMatchObject({ Fault: { Error: [{ code: '6140' }] } })
    expect((await admin('/companies/1/numbering', 'PUT', {})).status).toBe(404)
    expect((await admin(`/companies/${realm}/numbering`, 'PUT', { customTxnNumbers: 'yes' })).status).toBe(400)
  })

  it('enters an invoice (numbered by the form) and a payment on it, then voids the payment', async () => {
    const invRes = await admin(`/companies/${realm}/bookkeeper/invoice`, 'POST', {
      CustomerRef: { value: '1' },
      Line: [line],
    })
    const inv = await made(invRes.clone())
    expect(await invRes.json()).toMatchObject({ DocNumber: '1031', TotalAmt: 89, Balance: 89 })
    const pay = await made(
      await admin(`/companies/${realm}/bookkeeper/payment`, 'POST', {
        CustomerRef: { value: '1' },
        TotalAmt: 89,
        Line: [{ Amount: 89, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }],
      }),
    )
    expect((await api(`/invoice/${inv.Id}`)).body).toMatchObject({ Invoice: { Balance: 0 } })
    const voided = await admin(`/companies/${realm}/bookkeeper/payment/${pay.Id}/void`, 'POST')
    expect(await voided.json()).toMatchObject({ Id: pay.Id, TotalAmt: 0 })
    expect((await api(`/invoice/${inv.Id}`)).body).toMatchObject({ Invoice: { Balance: 89 } })
  })

  it('passes Intuit’s refusals back whole, and puts payments into a deposit', async () => {
    const bad = await admin(`/companies/${realm}/bookkeeper/payment`, 'POST', { CustomerRef: { value: '1' } })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ fault: { errors: [{ code: '6000' }] } })
    const pay = await made(
      await admin(`/companies/${realm}/bookkeeper/payment`, 'POST', { CustomerRef: { value: '1' }, TotalAmt: 5 }),
    )
    expect((await admin(`/companies/${realm}/bookkeeper/deposit`, 'POST', { paymentIds: [pay.Id] })).status).toBe(200)
    const r = await api('/payment?operation=delete', { Id: pay.Id, SyncToken: pay.SyncToken })
    expect(r.body).toMatchObject({ Fault: { Error: [{ code: '6540' }] } })
  })

  it('merges one customer into another; the merged-away one is gone from the API', async () => {
    const res = await admin(`/companies/${realm}/bookkeeper/customer/merge`, 'POST', { fromId: '4', intoId: '3' })
    expect(await res.json()).toMatchObject({ Id: '3' })
    expect((await api('/customer/4')).body).toMatchObject({ Fault: { Error: [{ code: '610' }] } })
    const again = await admin(`/companies/${realm}/bookkeeper/customer/merge`, 'POST', { fromId: '4', intoId: '3' })
    expect(again.status).toBe(400)
    expect((await admin(`/companies/${realm}/bookkeeper/customer/merge`, 'POST', { fromId: '4' })).status).toBe(400)
  })

  it('resets the companies to a named seed', async () => {
    const res = await admin('/companies/reset', 'POST', { seed: 'none' })
    expect(await res.json()).toEqual([])
    expect((await admin('/companies/reset', 'POST', { seed: 'nope' })).status).toBe(400)
  })
})
