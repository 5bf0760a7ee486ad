// requestid retention and forgetting, set through the admin API, seen by a client over real HTTP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startCompany, wireFault, type RunningCompany } from '../../test-support/running-company.ts'

let co: RunningCompany
beforeEach(async () => {
  co = await startCompany()
})
afterEach(() => co.close())

const admin = (method: string, path: string, body?: unknown) =>
  fetch(`${co.emu.url}/__admin${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  })
const create = () => co.post('/customer?requestid=wire-1&minorversion=75', { DisplayName: 'Wire Retry Ltd' })

describe('requestid memory through the admin API', () => {
  it('reports and sets the retention; a retry after it runs again (here: the name is then taken)', async () => {
    expect(await (await admin('GET', '/behaviour')).json()).toEqual({ requestIdRetention: null, cdcCap: 'perEntity' })
    expect(await (await admin('PUT', '/behaviour', { requestIdRetention: 600_000 })).json()).toEqual({
      requestIdRetention: 600_000,
      cdcCap: 'perEntity',
    })
    expect((await admin('PUT', '/behaviour', { requestIdRetention: -5 })).status).toBe(400)
    const first = await create()
    expect(first.status).toBe(200)
    co.emu.clock.advance(599_000)
    expect((await create()).body.Customer).toEqual(first.body.Customer)
    co.emu.clock.advance(1_000)
    expect(wireFault(await create())?.code).toBe('6240')
  })

  it("forgets one company's ids on DELETE /companies/{realmId}/requestids", async () => {
    await create()
    expect(await (await admin('DELETE', `/companies/${co.realmId}/requestids`)).json()).toEqual({ forgotten: 1 })
    expect(wireFault(await create())?.code).toBe('6240')
    expect((await admin('DELETE', '/companies/123/requestids')).status).toBe(404)
  })
})
