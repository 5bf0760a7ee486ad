import { describe, expect, it } from 'vitest'
import { createContact } from '../db/index.ts'
import { unwrap } from '../db/test-db.ts'
import { err } from '#shared/result.ts'
import { classifyFault, SLOW_DOWN_MESSAGE } from './core/index.ts'
import type { QboGateway } from './ports.ts'
import { push } from './push.ts'
import { fakeClock } from './test-support/fake-clock.ts'
import { world } from './test-support/runner-world.ts'

/** Intuit's own 429: an XML body and no Retry-After. */
const intuit429 = () =>
  err(
    classifyFault({
      type: 'http',
      status: 429,
      body: '<Fault><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message></Error></Fault>',
    }),
  )

/** QuickBooks answering the next `n` writes with Intuit's 429. */
function throttling(qbo: QboGateway, n: number): QboGateway {
  let left = n
  const gate = <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
    (async (...a: A) => (left-- > 0 ? intuit429() : f(...a))) as (...a: A) => Promise<R>
  return {
    query: (s) => qbo.query(s),
    read: (e, id) => qbo.read(e, id),
    cdc: (e, since) => qbo.cdc(e, since),
    write: gate((e, op, body, id) => qbo.write(e, op, body, id)),
    batch: gate((items, id) => qbo.batch(items, id)),
  }
}

describe('a 429 the pacer did not predict', () => {
  it('costs seconds, not a minute, and the rows say why they wait while it lasts', async () => {
    const { db, qbo, deps } = await world()
    unwrap(await createContact(db, { givenName: 'Ola', familyName: 'Ray' }))
    const during: unknown[] = []
    const clock = fakeClock('2025-03-14T09:00:00Z', async () => {
      during.push(...(await db.outbox.toArray()).map((r) => [r.lastError?.message, r.nextAttemptAt]))
    })
    const { summary } = await push(deps({ clock, gateway: throttling(qbo, 1) }))
    expect(summary).toMatchObject({ synced: 1, failed: 0 })
    expect(clock.waits).toHaveLength(1)
    expect(clock.waits[0]).toBeGreaterThanOrEqual(1_500)
    expect(clock.waits[0]).toBeLessThanOrEqual(2_500)
    expect(during).toStrictEqual([
      [SLOW_DOWN_MESSAGE, new Date(Date.parse('2025-03-14T09:00:00Z') + clock.waits[0]!).toISOString()],
    ])
    expect(await db.outbox.count()).toBe(0)
    expect((await db.syncLog.toArray()).map((l) => l.status)).toStrictEqual(['synced'])
  })

  it('waits longer each time while 429s keep coming', async () => {
    const { db, qbo, clock, deps } = await world()
    unwrap(await createContact(db, { givenName: 'Pia', familyName: 'Ray' }))
    expect((await push(deps({ gateway: throttling(qbo, 4) }))).summary).toMatchObject({ synced: 1 })
    expect(clock.waits).toHaveLength(4)
    for (let i = 1; i < 4; i++) expect(clock.waits[i]!).toBeGreaterThan(clock.waits[i - 1]!)
    expect(clock.waits.reduce((a, b) => a + b, 0)).toBeLessThan(40_000)
  })

  it('a run that gives up says when to try again, within a minute', async () => {
    const { db, qbo, clock, deps } = await world()
    unwrap(await createContact(db, { givenName: 'Quin', familyName: 'Ray' }))
    const { summary } = await push(deps({ gateway: throttling(qbo, 40) }))
    expect(summary.failed).toBe(1)
    expect(summary.retryAt).toBeGreaterThan(clock.now())
    expect(summary.retryAt! - clock.now()).toBeLessThanOrEqual(60_000)
  })
})
