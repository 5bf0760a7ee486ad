/** Read coalescing in the RealmGate: devices of one company reading the same thing cost one QuickBooks call. */
import { SELF, env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { EDGE, cookieHeader, sessionCookieFor } from '../../test/helpers.ts'
import { consent, freshCompany, lastSeq, requestLog } from '../../test/emulator.ts'

async function devices(n: number): Promise<{ realmId: string; cookies: string[] }> {
  const realmId = await freshCompany()
  const { jar } = await consent({ decision: 'connect', realmId })
  const gate = env.REALM_GATE.getByName(realmId)
  const others: string[] = []
  for (let i = 1; i < n; i++) {
    const joined = await gate.joinDevice('crew', `Crew tablet ${i}`)
    if (!joined.ok) throw new Error(joined.error.message)
    others.push(await sessionCookieFor(realmId, joined.value.device.id))
  }
  return { realmId, cookies: [cookieHeader(jar), ...others] }
}

const read = (realmId: string, cookie: string, path: string) =>
  SELF.fetch(`${EDGE}/api/qbo/${realmId}/${path}`, { headers: { cookie } })

describe('read coalescing', () => {
  it('answers N identical reads in the window with one upstream call, each device its own answer', async () => {
    const { realmId, cookies } = await devices(5)
    const since = await lastSeq()
    const changedSince = new Date(Date.now() - 3600_000).toISOString()
    const path = `cdc?entities=Customer,Invoice&changedSince=${encodeURIComponent(changedSince)}`
    const answers = await Promise.all(cookies.map((cookie) => read(realmId, cookie, path)))
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200])
    const bodies = await Promise.all(answers.map((r) => r.text()))
    expect(new Set(bodies).size).toBe(1)
    const upstream = (await requestLog(since)).filter((e) => e.path.endsWith('/cdc'))
    expect(upstream).toHaveLength(1)
  })

  it('sends a read again after a write, and different reads separately', async () => {
    const { realmId, cookies } = await devices(2)
    const [tablet, office] = cookies as [string, string]
    const since = await lastSeq()
    await Promise.all([read(realmId, tablet, 'customer/1'), read(realmId, office, 'customer/2')])
    const write = await SELF.fetch(`${EDGE}/api/qbo/${realmId}/customer?requestid=${crypto.randomUUID()}`, {
      method: 'POST',
      headers: { cookie: tablet, 'content-type': 'application/json', origin: env.APP_ORIGIN },
      body: JSON.stringify({ DisplayName: `Coalesce ${crypto.randomUUID()}` }),
    })
    expect(write.status).toBe(200)
    await read(realmId, office, 'customer/1')
    const reads = (await requestLog(since)).filter((e) => e.method === 'GET' && /\/customer\/[12]$/.test(e.path))
    expect(reads.map((e) => e.path.split('/').at(-1))).toEqual(expect.arrayContaining(['1', '2', '1']))
    expect(reads).toHaveLength(3)
  })
})
