/** Invoice-number leases: blocks after the company's numbers, never one number to two devices, returns on removal. */
import { SELF, env, runInDurableObject } from 'cloudflare:test'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Lease } from '#shared/api/number-lease.ts'
import { EDGE, freshRealm, sessionCookieFor } from '../../test/helpers.ts'
import { markUsed, unusedOf } from './store.ts'

const gateOf = (realmId: string) => env.REALM_GATE.getByName(realmId)
const numbersIn = (l: Lease) => Array.from({ length: l.to - l.from + 1 }, (_, i) => l.from + i)
const use = (realmId: string, n: number) =>
  runInDurableObject(gateOf(realmId), (_gate, state) => markUsed(state.storage, [n]))

/** A connected company: its owner device's id. */
async function connected(realmId: string): Promise<string> {
  const owner = await gateOf(realmId).storeGrant(realmId, {
    accessToken: 'access-token-never-sent',
    refreshToken: 'refresh-token-never-sent',
    accessExpiresAt: Date.now() + 3600_000,
    refreshExpiresAt: Date.now() + 100 * 24 * 3600_000,
  })
  return owner.id
}

async function joinedDevice(realmId: string, role: 'office' | 'crew' = 'crew'): Promise<string> {
  const joined = await gateOf(realmId).joinDevice(role, `${role} tablet`)
  if (!joined.ok) throw new Error(joined.error.message)
  return joined.value.device.id
}

describe('number leases', () => {
  it('leases each device the next block after the company and every earlier lease', async () => {
    const realmId = freshRealm()
    const gate = gateOf(realmId)
    expect(await gate.leaseNumbers('tablet-a', { highestSeen: 1030, count: 20 })).toEqual({ from: 1031, to: 1050 })
    // A device that has seen less still gets numbers after the ones already leased.
    expect(await gate.leaseNumbers('tablet-b', { highestSeen: 1000, count: 20 })).toEqual({ from: 1051, to: 1070 })
    // QuickBooks moved on (the bookkeeper numbered past them): the next block starts after that.
    expect(await gate.leaseNumbers('tablet-a', { highestSeen: 2000, count: 5 })).toEqual({ from: 2001, to: 2005 })
  })

  it('gives a removed device its unused numbers back to the next lease, never what it used', async () => {
    const realmId = freshRealm()
    const gate = gateOf(realmId)
    await gate.leaseNumbers('tablet-a', { highestSeen: 100, count: 20 })
    await gate.leaseNumbers('tablet-b', { highestSeen: 100, count: 20 })
    await use(realmId, 105)
    expect(await gate.onDeviceRemoved('tablet-a')).toBe(15)
    expect(await gate.onDeviceRemoved('tablet-a')).toBe(0)
    expect(await gate.leaseNumbers('tablet-c', { highestSeen: 130, count: 10 })).toEqual({ from: 106, to: 115 })
    expect(await gate.leaseNumbers('tablet-c', { highestSeen: 130, count: 10 })).toEqual({ from: 116, to: 120 })
    // The pool is empty: after tablet-b's 121–140.
    expect(await gate.leaseNumbers('tablet-c', { highestSeen: 130, count: 10 })).toEqual({ from: 141, to: 150 })
    await runInDurableObject(gate, (_g, state) => {
      expect(unusedOf(state.storage.sql, 'tablet-a')).toEqual([])
      expect(unusedOf(state.storage.sql, 'tablet-b')).toEqual([{ from: 121, to: 140 }])
    })
  })

  it('no number is ever held by two devices, whatever order concurrent requests land in', async () => {
    type Op =
      | { kind: 'lease'; device: number; highestSeen: number; count: number }
      | { kind: 'use'; device: number }
      | { kind: 'remove'; device: number }
    const op: fc.Arbitrary<Op> = fc.oneof(
      {
        weight: 5,
        arbitrary: fc.record({
          kind: fc.constant('lease' as const),
          device: fc.nat(3),
          highestSeen: fc.nat(300),
          count: fc.integer({ min: 1, max: 30 }),
        }),
      },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('use' as const), device: fc.nat(3) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), device: fc.nat(3) }) },
    )
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(op, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
        async (rounds) => {
          const realmId = freshRealm()
          const gate = gateOf(realmId)
          // Each slot's current device; a removed device never asks again (its session is refused), a new one takes its slot.
          const names = [0, 1, 2, 3].map((i) => `device-${i}-0`)
          const holders = new Map<number, string[]>()
          const held = new Map<string, number[]>()
          const usedBy = new Map<number, string>()
          const removed = new Set<string>()
          for (const round of rounds) {
            const removing = new Set(round.filter((o) => o.kind === 'remove').map((o) => o.device))
            // All of one round are in flight at once: the gate orders them.
            await Promise.all(
              round.map(async (o) => {
                const name = names[o.device]!
                if (o.kind === 'lease' && !removing.has(o.device)) {
                  const lease = await gate.leaseNumbers(name, { highestSeen: o.highestSeen, count: o.count })
                  for (const n of numbersIn(lease)) {
                    holders.set(n, [...(holders.get(n) ?? []), name])
                    held.set(name, [...(held.get(name) ?? []), n])
                  }
                } else if (o.kind === 'use' && !removing.has(o.device)) {
                  const mine = (held.get(name) ?? []).filter((n) => !usedBy.has(n))
                  if (mine.length === 0) return
                  usedBy.set(mine[0]!, name)
                  await use(realmId, mine[0]!)
                } else if (o.kind === 'remove') {
                  await gate.onDeviceRemoved(name)
                }
              }),
            )
            for (const d of removing) {
              removed.add(names[d]!)
              names[d] = `device-${d}-${crypto.randomUUID()}`
            }
          }
          // A number went to a second device only after the first was removed without using it.
          for (const [n, who] of holders) {
            const live = who.filter((name) => !removed.has(name) || usedBy.get(n) === name)
            expect(live.length, `number ${n}: ${who.join(', ')}`).toBeLessThanOrEqual(1)
            // A used number stays with the device that used it: nobody gets it after.
            if (usedBy.has(n)) expect(who.at(-1)).toBe(usedBy.get(n))
          }
        },
      ),
      { numRuns: 25 },
    )
    // Each run is a fresh company's gate; on a busy machine that takes seconds, not the default five.
  }, 60_000)

  it("returns a removed device's unused numbers when its owner removes it", async () => {
    const realmId = freshRealm()
    const owner = await connected(realmId)
    const crew = await joinedDevice(realmId)
    const gate = gateOf(realmId)
    await gate.leaseNumbers(crew, { highestSeen: 1030, count: 20 })
    await use(realmId, 1032)
    const removed = await gate.removeDevice(owner, crew)
    expect(removed).toMatchObject({ ok: true, value: { removed: true, numbersReturned: 18 } })
    expect(await gate.leaseNumbers(owner, { highestSeen: 1030, count: 20 })).toEqual({ from: 1033, to: 1050 })
  })

  it('POST /api/numbers/lease leases for the session, and refuses a request without one', async () => {
    const realmId = freshRealm()
    const owner = await connected(realmId)
    const post = (cookie: string | null, body: unknown) =>
      SELF.fetch(`${EDGE}/api/numbers/lease`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: env.APP_ORIGIN, ...(cookie ? { cookie } : {}) },
        body: JSON.stringify(body),
      })
    const tablet = await sessionCookieFor(realmId, owner)
    const office = await sessionCookieFor(realmId, await joinedDevice(realmId, 'office'))
    const leases = await Promise.all(
      [tablet, office, tablet, office].map(async (cookie) =>
        Lease.parse(await (await post(cookie, { highestSeen: 1030 })).json()),
      ),
    )
    const all = leases.flatMap(numbersIn)
    expect(new Set(all).size).toBe(80)
    expect(Math.min(...all)).toBe(1031)
    expect((await post(null, { highestSeen: 1 })).status).toBe(401)
    expect((await post(tablet, { highestSeen: -1 })).status).toBe(400)
    expect((await post(await sessionCookieFor(realmId), { highestSeen: 1 })).status).toBe(401)
  })
})
