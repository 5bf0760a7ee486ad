// The platform and the company module together, over real HTTP: what a QuickBooks client sees.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createManualClock } from './clock.ts'
import type { CompanyChange } from './companies-port.ts'
import { startEmulator, type RunningEmulator } from './serve.ts'

let emu: RunningEmulator
let realmId: string
let token: string
const changes: CompanyChange[] = []

beforeEach(async () => {
  changes.length = 0
  emu = await startEmulator({ port: 0, seed: 'small', clock: createManualClock() })
  realmId = emu.emulator.companies.list()[0]!.realmId
  token = emu.emulator.tokens.connect({
    clientId: 'fieldsync-local',
    realmId,
    scopes: ['com.intuit.quickbooks.accounting'],
  }).accessToken
})
afterEach(() => emu.close())

const call = (path: string, init: RequestInit = {}) =>
  fetch(`${emu.url}/v3/company/${realmId}${path}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      'Content-Type': 'application/json',
      ...(init.headers ?? {}),
    },
  })
const count = async (displayName: string) => {
  const q = encodeURIComponent(`SELECT COUNT(*) FROM Customer WHERE DisplayName = '${displayName}'`)
  return (await (await call(`/query?query=${q}&minorversion=75`)).json()).QueryResponse.totalCount as number
}

describe('emulator as a whole', () => {
  it('a write whose answer was lost is not repeated when the client retries with the same requestid', async () => {
    emu.emulator.chaos.configure({ probability: 1, seed: 1, kinds: ['dropAfterWrite'], stallEmulatorMs: 0 }, realmId)
    const create = () =>
      call('/customer?requestid=fs-create-1&minorversion=75', {
        method: 'POST',
        body: JSON.stringify({ DisplayName: 'Lost Answer Ltd' }),
      })
    await expect(create()).rejects.toThrow()
    expect(await count('Lost Answer Ltd')).toBe(1) // the write happened
    emu.emulator.chaos.clearOverride(realmId)
    const retry = await create()
    expect(retry.status).toBe(200)
    expect((await retry.json()).Customer.DisplayName).toBe('Lost Answer Ltd')
    expect(await count('Lost Answer Ltd')).toBe(1) // and was not made twice
  })

  it('a bookkeeper edit through the admin API bumps SyncToken and LastUpdatedTime as QuickBooks does', async () => {
    const before = (await (await call('/customer/1?minorversion=75')).json()).Customer
    emu.clock.advance(60_000)
    const edit = await fetch(`${emu.url}/__admin/companies/${realmId}/customer/1`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ Notes: 'Gate code 4411' }),
    })
    expect(edit.status).toBe(200)
    const after = (await (await call('/customer/1?minorversion=75')).json()).Customer
    expect(Number(after.SyncToken)).toBe(Number(before.SyncToken) + 1)
    expect(after.MetaData.LastUpdatedTime).not.toBe(before.MetaData.LastUpdatedTime)
    expect(after.Notes).toBe('Gate code 4411')
  })

  it('reports API writes as changes, which is what webhooks are built from', async () => {
    emu.emulator.companies.onChange((c) => changes.push(c))
    const res = await call('/customer?minorversion=75', {
      method: 'POST',
      body: JSON.stringify({ DisplayName: 'Webhook Watchers' }),
    })
    const id = (await res.json()).Customer.Id
    expect(changes).toContainEqual(expect.objectContaining({ realmId, id, operation: 'Create' }))
  })

  it('seeds a new company through the admin API, which the consent page then offers', async () => {
    const seeded = await fetch(`${emu.url}/__admin/companies/4620816365000000001/seed`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ companyInfo: { CompanyName: 'Fresh Start Roofing' } }),
    })
    expect(seeded.status).toBe(200)
    const page = await (
      await fetch(
        `${emu.url}/connect/oauth2?client_id=fieldsync-local&response_type=code&scope=com.intuit.quickbooks.accounting&state=s&redirect_uri=${encodeURIComponent('http://127.0.0.1:5173/auth/intuit/callback')}`,
      )
    ).text()
    expect(page).toContain('Fresh Start Roofing')
    const state = await (await fetch(`${emu.url}/__admin/companies/4620816365000000001`)).json()
    expect(state.companyInfo.CompanyName).toBe('Fresh Start Roofing')
  })

  it("answers a company fault from an admin edit that breaks Intuit's rules", async () => {
    const res = await fetch(`${emu.url}/__admin/companies/${realmId}/customer/1`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ DisplayName: 'Bad: colon' }),
    })
    expect(res.status).toBe(400)
    expect((await res.json()).error.kind).toBe('rejected')
  })
})
