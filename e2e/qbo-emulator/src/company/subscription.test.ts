// A company whose subscription ended: writes answer HTTP 200 carrying Fault 6190 (docs/quickbooks.md §9.2, §9.3,
// §15.12), which a client that trusts the status alone takes for success. Over real HTTP, as a client sees it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { faultOf } from '#shared/qbo/fault.ts'
import type { Json } from './types.ts'
import { startCompany, wireFault, type RunningCompany } from '../../test-support/running-company.ts'

let co: RunningCompany
beforeEach(async () => {
  co = await startCompany()
})
afterEach(() => co.close())

const setStatus = (status: string, realmId = co.realmId) =>
  fetch(`${co.emu.url}/__admin/companies/${realmId}/subscription`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ status }),
  })
const statusOf = (info: Json) => ((info.NameValue as Json[]).find((p) => p.Name === 'SubscriptionStatus') as Json).Value
const count = async (name: string) =>
  Number(
    (
      (
        await co.get(
          `/query?query=${encodeURIComponent(`SELECT COUNT(*) FROM Customer WHERE DisplayName = '${name}'`)}`,
        )
      ).body.QueryResponse as Json
    ).totalCount,
  )

describe('subscription status', () => {
  it.each(['CANCELLED', 'EXPIRED', 'SUSPENDED'])(
    '%s: a write answers 200 with Fault 6190 and writes nothing; reads and CompanyInfo go on',
    async (status) => {
      expect((await setStatus(status)).status).toBe(200)
      const info = await co.get(`/companyinfo/${co.realmId}?minorversion=75`)
      expect([info.status, statusOf(info.body.CompanyInfo as Json)]).toEqual([200, status])
      const r = await co.post('/customer?minorversion=75', { DisplayName: 'Lapsed Ltd' })
      expect(r.status).toBe(200)
      expect(r.body.Customer).toBeUndefined()
      expect(wireFault(r)).toMatchObject({ code: '6190', Message: 'Invalid Company Status' })
      expect(faultOf(r.body)?.type).toBe('ValidationFault') // the app's own parser finds it in a 200
      expect(typeof r.body.time).toBe('string')
      expect(await count('Lapsed Ltd')).toBe(0)
    },
  )

  it('refuses each write item of a batch with 6190 but answers its queries', async () => {
    await setStatus('CANCELLED')
    const r = await co.post('/batch?minorversion=75', {
      BatchItemRequest: [
        { bId: 'w', operation: 'create', Customer: { DisplayName: 'Batch Lapsed' } },
        { bId: 'q', Query: "SELECT * FROM Customer WHERE DisplayName = 'Amy Chen'" },
      ],
    })
    expect(r.status).toBe(200)
    const [w, q] = r.body.BatchItemResponse as Json[]
    expect(((w?.Fault as Json).Error as Json[])[0]?.code).toBe('6190')
    expect(((q?.QueryResponse as Json).Customer as Json[]).length).toBe(1)
  })

  it('does not remember a refused write under its requestid: once the subscription is back, the retry runs', async () => {
    await setStatus('EXPIRED')
    expect(wireFault(await co.post('/customer?requestid=lapse-1', { DisplayName: 'Back Again' }))?.code).toBe('6190')
    const info = (await (await setStatus('SUBSCRIBED')).json()) as Json
    expect(statusOf(info)).toBe('SUBSCRIBED')
    const retry = await co.post('/customer?requestid=lapse-1', { DisplayName: 'Back Again' })
    expect([retry.status, (retry.body.Customer as Json | undefined)?.DisplayName]).toEqual([200, 'Back Again'])
  })

  it.each(['TRIAL', 'TRIALOPTIN', 'RESTRICTED', 'UNKNOWN'])('%s: writes go through', async (status) => {
    await setStatus(status)
    expect(((await co.post('/customer', { DisplayName: `Status ${status}` })).body.Customer as Json).DisplayName).toBe(
      `Status ${status}`,
    )
  })

  it('validates the status and the company', async () => {
    expect((await setStatus('GONE')).status).toBe(400)
    expect((await setStatus('CANCELLED', '123')).status).toBe(404)
  })
})
