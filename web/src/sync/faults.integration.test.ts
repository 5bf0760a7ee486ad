import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createContact, createInvoices, createItem, updateContact, voidInvoice } from '../db/index.ts'
import { unwrap } from '../db/test-db.ts'
import { push } from './push.ts'
import { startEmulatorWorld, type EmulatorWorld } from './test-support/emulator-world.ts'

// design.md's error table, row by row, against the emulator: what the user sees and what stays queued.

let w: EmulatorWorld
beforeEach(async () => { w = await startEmulatorWorld() })
afterEach(async () => { await w.close() })

const errors = async () => (await w.db.syncLog.toArray()).filter((l) => l.status === 'error')

async function pushedContact(given: string) {
  const c = unwrap(await createContact(w.db, { givenName: given, familyName: 'Table' }))
  expect((await push(w.deps())).summary.synced).toBe(1)
  const m = await w.db.mappings.get(['contact', c.id])
  return { c, qboId: m!.qboId as string }
}

describe('each fault of the error table', () => {
  it('authentication expired: the run stops, asks to reconnect, and nothing is lost', async () => {
    unwrap(await createContact(w.db, { givenName: 'Ada', familyName: 'Table' }))
    await w.admin('POST', '/tokens/revoke', {})
    const { summary } = await push(w.deps())
    expect(summary.stoppedBy).toMatchObject({ kind: 'auth', action: 'reconnect' })
    expect(summary.stoppedBy?.userMessage).toMatch(/reconnect|connect/i)
    expect(await w.db.outbox.count()).toBe(1)
  })

  it('record not found (deleted in QuickBooks): a red row offering unlink-and-recreate, never a silent recreate', async () => {
    const c = unwrap(await createContact(w.db, { givenName: 'Bea', familyName: 'Table' }))
    const item = unwrap(await createItem(w.db, { name: 'Table Item', unitPrice: 1000 }))
    const [inv] = unwrap(await createInvoices(w.db, [{ contactId: c.id, lines: [{ itemId: item.id, name: 'Table Item', qty: 1000, unitPrice: 1000 }], finalize: true }]))
    expect((await push(w.deps({ accounts: { income: '1' } }))).summary.synced).toBe(3)
    const qboId = (await w.db.mappings.get(['invoice', inv!.id]))!.qboId as string
    const qboCustomer = (await w.db.mappings.get(['contact', c.id]))!.qboId
    await w.admin('DELETE', `/companies/${w.realmId}/Invoice/${qboId}`)
    unwrap(await voidInvoice(w.db, inv!.id))
    const { summary } = await push(w.deps())
    expect(summary.failed).toBe(1)
    expect(await w.entities('Invoice').then((xs) => xs.filter((x) => x.Id === qboId || (x['CustomerRef'] as { value: string }).value === (qboCustomer as string)))).toHaveLength(0)
    const [row] = await w.db.outbox.toArray()
    expect(row?.lastError?.code).toBe('610')
    expect((await w.db.mappings.get(['invoice', inv!.id]))).toMatchObject({ status: 'error', lastError: { code: '610' } })
    expect((await errors())[0]?.details).toMatch(/deleted|no longer/i)
  })

  it('stale object (edited in both places): re-read, merged, sent again, conflicts logged', async () => {
    const { c, qboId } = await pushedContact('Cal')
    await w.admin('PATCH', `/companies/${w.realmId}/Customer/${qboId}`, { Notes: 'Dog in yard' })
    unwrap(await updateContact(w.db, c.id, { phone: '555-0102' }))
    const { summary } = await push(w.deps())
    expect(summary).toMatchObject({ synced: 1, failed: 0 })
    const q = (await w.entities('Customer')).find((x) => x.Id === qboId)!
    expect(q).toMatchObject({ Notes: 'Dog in yard', PrimaryPhone: { FreeFormNumber: '555-0102' } })
    expect((await w.db.contacts.get(c.id))?.notes).toBe('Dog in yard')
  })

  it('rate limit: invisible to the user, the engine backs off and finishes', async () => {
    await w.admin('PUT', `/companies/${w.realmId}/limits`, { requestsPerWindow: 2, windowMs: 60_000 })
    for (const n of ['Dee', 'Eli', 'Fay']) unwrap(await createContact(w.db, { givenName: n, familyName: 'Table' }))
    const first = await push(w.deps({ concurrency: 1, batchSize: undefined } as never), { batchSize: 1 })
    expect(await errors()).toEqual([])
    expect(first.summary.failed + first.summary.synced).toBeGreaterThan(0)
    await w.admin('DELETE', `/companies/${w.realmId}/limits`)
    w.clock.advance(3600_000)
    await push(w.deps())
    expect(await w.db.outbox.count()).toBe(0)
    expect((await w.entities('Customer')).filter((x) => String(x['DisplayName']).endsWith(' Table'))).toHaveLength(3)
  })

  it('validation: a red row pointing at the field to fix', async () => {
    unwrap(await createItem(w.db, { name: 'No Account Item', unitPrice: 1000 }))
    const { summary } = await push(w.deps({ accounts: {} }))
    expect(summary.failed).toBe(1)
    const [e] = await errors()
    expect(e?.details).toMatch(/IncomeAccountRef/)
  })

  it('network gone: stays queued, nothing lost, resumes when back', async () => {
    unwrap(await createContact(w.db, { givenName: 'Gil', familyName: 'Table' }))
    const url = w.emu.url
    await w.close()
    const { summary } = await push(w.deps({ maxAttempts: 2 }))
    expect(summary.failed).toBe(1)
    const [row] = await w.db.outbox.toArray()
    expect(row?.lastError?.code).toBe('network')
    expect(row?.lastError?.message).toMatch(/queued/)
    expect(url).toMatch(/^http/)
    w = await startEmulatorWorld()
  })
})
