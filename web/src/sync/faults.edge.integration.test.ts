import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createContact, createInvoices, createItem, updateContact, updateInvoiceHeader } from '../db/index.ts'
import { unlinkAndRecreate } from '../db/sync-requests.ts'
import { unwrap } from '../db/test-db.ts'
import { clashIn } from '../state/duplicate-clash.ts'
import { cardState } from '../state/qbo-connection.ts'
import { push } from './push.ts'
import { startEdgeWorld, type EdgeWorld } from './test-support/edge-world.ts'
import { customerOf, errorTable, ERROR_TABLE_WORLD, logOf, named, stateOf } from './test-support/error-table.ts'

// docs/product.md §Errors, row by row, through the real edge: for each cause, what QuickBooks (the emulator)
// answers, the state the record's row shows, and the words the user reads. One Worker for the file; the tests
// share the company, so each uses names of its own and undoes what it changes in the emulator.

let w: EdgeWorld
beforeAll(async () => {
  w = await startEdgeWorld(ERROR_TABLE_WORLD)
}, 60_000)
afterAll(async () => {
  await w?.close()
})
const { lastRequestSeq, requestsSince, inStepWithQuickBooks, company, engineOn } = errorTable(() => w)

describe('docs/product.md §Errors, through the edge: connection, names, missing and stale records', () => {
  it('authentication expired: the edge refreshes the access token once, silently, and the push goes through', async () => {
    const { db, deps } = w.device()
    const c = unwrap(await createContact(db, { givenName: 'Ada', familyName: 'Expired' }))
    const mark = await lastRequestSeq()
    expect(await w.admin('POST', '/tokens/expire', { realmId: w.realmId, which: 'access' })).toMatchObject({
      expired: 1,
    })

    const { summary } = await push(deps())
    expect(summary).toMatchObject({ synced: 1, failed: 0 })
    expect(summary.stoppedBy).toBeUndefined()
    const calls = await requestsSince(mark)
    // Intuit refused the expired token, the edge refreshed once, and the same call went again with the new one.
    expect(calls.map((r) => [r.method, r.path.replace(/\/v3\/company\/\d+/, ''), r.status])).toEqual([
      ['POST', '/customer', 401],
      ['POST', '/oauth2/v1/tokens/bearer', 200],
      ['POST', '/customer', 200],
    ])
    expect(await stateOf(db, 'contact', c.id)).toMatchObject({ tone: 'synced' })
    expect((await logOf(db)).map((l) => l.status)).toEqual(['synced'])
    expect(await w.session()).toMatchObject({ connected: true, needsReconnect: false })
  })

  it('authentication revoked: sync pauses and asks to reconnect, nothing leaves the outbox, and it all goes after reconnecting', async () => {
    const device = w.device()
    const { db } = device
    const engine = engineOn(device)
    // The tablet's first sync with the company, before anything is queued: routine pushes wait for it.
    expect((await engine.preview()).ok).toBe(true)
    expect(await engine.runInitial([])).toMatchObject({ ok: true, value: { failed: 0 } })
    const people = [
      unwrap(await createContact(db, { givenName: 'Bo', familyName: 'Revoked' })),
      unwrap(await createContact(db, { givenName: 'Cy', familyName: 'Revoked' })),
    ]
    expect(await w.admin('POST', '/tokens/revoke', { realmId: w.realmId })).toMatchObject({ revoked: 1 })
    try {
      const first = await engine.syncNow()
      if (first.ok) throw new Error('a sync with a revoked connection succeeded')
      expect(first.error).toMatchObject({ kind: 'needs_reconnect', message: expect.stringMatching(/reconnect/i) })
      expect(await db.outbox.count()).toBe(2)
      const session = await w.session()
      expect(session).toMatchObject({ connected: true, needsReconnect: true })
      expect(cardState(session, first.error, Date.now())).toMatchObject({ state: 'reconnect' })
      // Both went in one batch, which the edge refused: each row shows the reason and offers Reconnect.
      for (const p of people) {
        expect(await stateOf(db, 'contact', p.id)).toMatchObject({
          tone: 'failed',
          kind: 'auth',
          action: 'reconnect',
          message: expect.stringMatching(/Reconnect/),
        })
      }
      // Paused: the next Sync Now stops at the session and sends nothing to QuickBooks.
      const mark = await lastRequestSeq()
      expect(await engine.syncNow()).toMatchObject({ ok: false, error: { kind: 'needs_reconnect' } })
      expect(await requestsSince(mark)).toEqual([])
      expect(await db.outbox.count()).toBe(2)
    } finally {
      await w.reconnect()
    }
    const after = await engine.syncNow()
    expect(after.ok && after.value.push).toMatchObject({ synced: 2, failed: 0 })
    expect(await db.outbox.count()).toBe(0)
    const names = (await w.entities('Customer')).map((x) => x['DisplayName'])
    expect(names.filter((n) => n === 'Bo Revoked' || n === 'Cy Revoked').sort()).toEqual(['Bo Revoked', 'Cy Revoked'])
  })

  it('duplicate name (6240): a red row naming the QuickBooks record that has the name, offering rename or link', async () => {
    const { db, deps } = w.device()
    const before = await company()
    const holder = Object.values(before['Customer']!).find(
      (x) => x['Active'] === true && x['Job'] !== true && x['DisplayName'] !== undefined,
    )!
    const name = String(holder['DisplayName'])
    const vendor = named(before['Vendor'], 'Ferguson Supply')!
    const c = unwrap(await createContact(db, { displayName: name, email: 'someone-else@example.com' }))
    const v = unwrap(await createContact(db, { displayName: 'Ferguson Supply' }))

    expect((await push(deps())).summary).toMatchObject({ synced: 0, failed: 2 })
    const customers = await w.entities('Customer')
    expect(customers.filter((x) => x['DisplayName'] === name)).toHaveLength(1)
    expect(customers.filter((x) => x['DisplayName'] === 'Ferguson Supply')).toHaveLength(0)

    const words = `QuickBooks already has a customer named "${name}" (Id ${holder.Id}). Rename this contact, or link it to that customer.`
    const state = await stateOf(db, 'contact', c.id)
    expect(state).toMatchObject({
      tone: 'failed',
      kind: 'duplicate',
      action: 'rename-or-link',
      field: 'DisplayName',
      message: words,
    })
    // What the Link button links to, read back from the words the engine stored.
    expect(clashIn(state.tone === 'failed' ? state.message : '')).toEqual({ qboId: holder.Id, name })
    const log = await logOf(db)
    expect(log.find((l) => l.localId === c.id)).toMatchObject({
      status: 'error',
      qboId: holder.Id,
      details: expect.stringContaining(words),
    })
    // A vendor's name is taken too; a customer read cannot name it, so the row gives its Id and offers only Rename.
    const vs = await stateOf(db, 'contact', v.id)
    expect(vs).toMatchObject({ tone: 'failed', action: 'rename-or-link' })
    expect(clashIn(vs.tone === 'failed' ? vs.message : '')).toBeUndefined()
    expect(log.find((l) => l.localId === v.id)).toMatchObject({
      status: 'error',
      details: expect.stringContaining(`Id ${vendor.Id} has this name`),
    })
  })

  it('record not found (610, deleted in QuickBooks): a red row offering unlink-and-recreate; never recreated silently', async () => {
    const { db, deps } = w.device()
    const accounts = { income: '1' }
    const c = unwrap(await createContact(db, { givenName: 'Bea', familyName: 'Gone' }))
    const item = unwrap(await createItem(db, { name: 'Gone Valve Service', unitPrice: 10_000 }))
    const [inv] = unwrap(
      await createInvoices(db, [
        {
          contactId: c.id,
          finalize: true,
          lines: [{ itemId: item.id, name: item.name, qty: 1000, unitPrice: 10_000 }],
        },
      ]),
    )
    expect((await push(deps({ accounts }))).summary).toMatchObject({ synced: 3, failed: 0 })
    const qboId = (await db.mappings.get(['invoice', inv!.id]))!.qboId
    const customer = (await db.mappings.get(['contact', c.id]))!.qboId
    await w.admin('DELETE', `/companies/${w.realmId}/Invoice/${qboId}`)
    const ours = async () => (await w.entities('Invoice')).filter((x) => customerOf(x) === customer)

    unwrap(await updateInvoiceHeader(db, inv!.id, { memo: 'Back gate' }))
    expect((await push(deps({ accounts }))).summary).toMatchObject({ synced: 0, failed: 1 })
    const state = await stateOf(db, 'invoice', inv!.id)
    expect(state).toMatchObject({
      tone: 'failed',
      code: '610',
      kind: 'notFound',
      action: 'unlink-and-recreate',
      message: expect.stringMatching(/deleted .*in QuickBooks\. Unlink it to create it again/),
    })
    expect((await logOf(db)).filter((l) => l.status === 'error')).toMatchObject([
      { localId: inv!.id, qboId, details: expect.stringMatching(/deleted/) },
    ])
    // Sync Now again: still refused, still nothing created.
    expect((await push(deps({ accounts }))).summary.synced).toBe(0)
    expect(await ours()).toEqual([])

    // Only the user's "Unlink and create again" does.
    await unlinkAndRecreate(db, { kind: 'invoice', localId: inv!.id }, (await db.invoices.get(inv!.id))!.version)
    expect((await push(deps({ accounts }))).summary).toMatchObject({ synced: 1, failed: 0 })
    const again = await ours()
    expect(again.map((x) => [x['DocNumber'], (x['CustomerMemo'] as { value?: string } | undefined)?.value])).toEqual([
      [(await db.invoices.get(inv!.id))!.number, 'Back gate'],
    ])
    expect(again[0]!.Id).not.toBe(qboId)
    expect(await stateOf(db, 'invoice', inv!.id)).toMatchObject({ tone: 'synced', qboId: again[0]!.Id })
  })

  it('stale object (5010, edited in both places): re-read and merged field by field, the most recent edit wins a clash, both values logged', async () => {
    const device = w.device()
    const { db, deps } = device
    const early = unwrap(await createContact(db, { givenName: 'Cal', familyName: 'Stale' }))
    const late = unwrap(await createContact(db, { givenName: 'Dot', familyName: 'Stale' }))
    expect((await push(deps())).summary).toMatchObject({ synced: 2, failed: 0 })
    const qboIdOf = async (id: string) => (await db.mappings.get(['contact', id]))!.qboId
    const edit = (id: string, patch: Record<string, unknown>) =>
      w.admin('PATCH', `/companies/${w.realmId}/Customer/${id}`, patch)
    const minute = () => w.admin('POST', '/clock/advance', { seconds: 60 })

    // Cal: edited here, then a minute later by the bookkeeper. Dot: by the bookkeeper, then a minute later here.
    await inStepWithQuickBooks(device)
    unwrap(await updateContact(db, early.id, { phone: '916-555-0101', email: 'cal@example.com' }))
    await minute()
    await edit(await qboIdOf(early.id), { PrimaryPhone: { FreeFormNumber: '916-555-0202' }, Notes: 'Gate code 7' })
    await edit(await qboIdOf(late.id), { PrimaryPhone: { FreeFormNumber: '916-555-0303' }, Notes: 'Dog in yard' })
    await minute()
    await inStepWithQuickBooks(device)
    unwrap(await updateContact(db, late.id, { phone: '916-555-0404', email: 'dot@example.com' }))

    expect((await push(deps())).summary).toMatchObject({ synced: 2, failed: 0 })
    const customers = await w.entities('Customer')
    const there = async (id: string) => {
      const qboId = await qboIdOf(id)
      return customers.find((x) => x.Id === qboId)
    }
    expect(await there(early.id)).toMatchObject({
      PrimaryPhone: { FreeFormNumber: '916-555-0202' },
      Notes: 'Gate code 7',
      PrimaryEmailAddr: { Address: 'cal@example.com' },
    })
    expect(await there(late.id)).toMatchObject({
      PrimaryPhone: { FreeFormNumber: '916-555-0404' },
      Notes: 'Dog in yard',
      PrimaryEmailAddr: { Address: 'dot@example.com' },
    })
    expect(await db.contacts.get(early.id)).toMatchObject({
      phone: '916-555-0202',
      notes: 'Gate code 7',
      email: 'cal@example.com',
    })
    expect(await db.contacts.get(late.id)).toMatchObject({
      phone: '916-555-0404',
      notes: 'Dog in yard',
      email: 'dot@example.com',
    })

    const log = await logOf(db)
    expect(log.filter((l) => l.status === 'conflict').map((l) => [l.localId, l.details])).toEqual([
      [early.id, 'phone: here "916-555-0101", QuickBooks "916-555-0202"; kept QuickBooks\'s (most recent).'],
      [late.id, 'phone: here "916-555-0404", QuickBooks "916-555-0303"; kept this device\'s (most recent).'],
    ])
    expect(log.filter((l) => l.status === 'error')).toEqual([])
    expect(await db.outbox.count()).toBe(0)
    for (const id of [early.id, late.id]) expect(await stateOf(db, 'contact', id)).toMatchObject({ tone: 'synced' })
  })
})
