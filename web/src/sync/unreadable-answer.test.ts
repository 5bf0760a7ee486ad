// An answer Fieldsync cannot read comes back the same on every replay of its requestid, so an update or void
// whose answer was unreadable goes next as a new request, and a create keeps its claim (for a lookup later).
import { describe, expect, it } from 'vitest'
import { createContact, updateContact } from '../db/index.ts'
import { unwrap } from '../db/test-db.ts'
import type { QboGateway } from './ports.ts'
import { push } from './push.ts'
import { world } from './test-support/runner-world.ts'

const unreadable = {
  kind: 'transient',
  retryable: true,
  action: 'retry',
  code: 'malformed',
  userMessage: 'QuickBooks sent an answer Fieldsync could not read. It will try again.',
} as const

/** The gateway answering its next `n` calls unreadably (whatever QuickBooks did with them). */
function garbling(qbo: QboGateway, n: number): QboGateway {
  let left = n
  const garble =
    <T>(call: () => Promise<T>) =>
    async () => {
      const r = await call()
      return left-- > 0 ? { ok: false as const, error: unreadable } : r
    }
  return {
    query: (s) => qbo.query(s),
    read: (e, id) => qbo.read(e, id),
    cdc: (e, s) => qbo.cdc(e, s),
    write: (e, o, b, r) => garble(() => qbo.write(e, o, b, r))(),
    batch: (i, r) => garble(() => qbo.batch(i, r))(),
  }
}

describe('an unreadable answer', () => {
  it('sends an update again as a new request, so it is not stuck replaying the same answer', async () => {
    const { db, qbo, deps, clock } = await world()
    const c = unwrap(await createContact(db, { givenName: 'Una', familyName: 'Garbled' }))
    await push(deps())
    unwrap(await updateContact(db, c.id, { phone: '(916) 555-0142' }))
    await push(deps({ gateway: garbling(qbo, 1), maxAttempts: 1 }))
    const [row] = await db.outbox.toArray()
    expect(row).toMatchObject({ lastError: { code: 'malformed' } })
    expect(row!.requestId).toBeUndefined()
    clock.advance(60_000)
    await push(deps())
    expect(await db.outbox.count()).toBe(0)
    expect([...qbo.entities.Customer.values()].find((e) => e['DisplayName'] === 'Una Garbled')).toMatchObject({
      PrimaryPhone: { FreeFormNumber: '(916) 555-0142' },
    })
  })

  it('keeps the claim of a create, which a new request could make twice', async () => {
    const { db, qbo, deps } = await world()
    unwrap(await createContact(db, { givenName: 'Cato', familyName: 'Garbled' }))
    await push(deps({ gateway: garbling(qbo, 1), maxAttempts: 1 }))
    const [row] = await db.outbox.toArray()
    expect(row).toMatchObject({ op: 'create', lastError: { code: 'malformed' }, requestId: expect.any(String) })
  })
})
