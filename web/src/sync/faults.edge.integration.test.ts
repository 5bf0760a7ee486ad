import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SyncKind } from '../../../shared/domain/index.ts'
import { freePort } from '../../../e2e/support/edge-worker.ts'
import { createContact, createInvoices, createItem, updateContact, updateInvoiceHeader } from '../db/index.ts'
import type { FieldsyncDB } from '../db/schema.ts'
import { unlinkAndRecreate } from '../db/sync-requests.ts'
import { unwrap } from '../db/test-db.ts'
import { clashIn } from '../state/duplicate-clash.ts'
import { cardState } from '../state/qbo-connection.ts'
import { recordSyncState } from '../state/record-sync-state.ts'
import { edgeGateway } from './adapters/edge-gateway.ts'
import { SyncEngine, type EngineDeps, type Timers } from './engine.ts'
import type { QboEntity } from './ports.ts'
import { push } from './push.ts'
import { startEdgeWorld, type EdgeWorld } from './test-support/edge-world.ts'

// design.md's error table, row by row, through the real edge: for each cause, what QuickBooks (the emulator)
// answers, the state the record's row shows, and the words the user reads. One Worker for the file; the tests
// share the company, so each uses names of its own and undoes what it changes in the emulator.

let w: EdgeWorld
beforeAll(async () => {
  // Access tokens outlive the file (Intuit's hour is 3.6 s at this time scale), so the only refreshes are the ones a test causes.
  w = await startEdgeWorld({ scaledTime: true, emulator: { tokenLifetimes: { accessTokenSeconds: 3_600_000 } } })
}, 60_000)
afterAll(async () => { await w?.close() })

type Device = ReturnType<EdgeWorld['device']>
type RequestLogEntry = { seq: number; method: string; path: string; status: number; realmId: string | null }

const TABLES = { contact: 'contacts', item: 'items', invoice: 'invoices', payment: 'payments', job: 'jobs' } as const

/** What the record's row and detail panel show (green, clock or red X, and the words), from what the engine stored. */
async function stateOf(db: FieldsyncDB, kind: SyncKind, localId: string) {
  const record = await db.table<{ version: number }>(TABLES[kind]).get(localId)
  const mapping = await db.mappings.get([kind, localId])
  const outbox = await db.outbox.where('[kind+localId]').equals([kind, localId]).toArray()
  return recordSyncState({ version: record!.version }, mapping, outbox)
}

const logOf = async (db: FieldsyncDB) => db.syncLog.toArray()

async function lastRequestSeq(): Promise<number> {
  return Math.max(0, ...(await w.admin<RequestLogEntry[]>('GET', '/requests')).map((r) => r.seq))
}
const requestsSince = (seq: number) => w.admin<RequestLogEntry[]>('GET', `/requests?since=${seq}`)

/** Sets the device's clock to the emulator's, so edits here and there are ordered as they happened. */
async function inStepWithQuickBooks(device: Device): Promise<void> {
  const { now } = await w.admin<{ now: number }>('GET', '/clock')
  device.clock.advance(now - device.clock.now().getTime())
}

async function company(): Promise<Record<string, Record<string, QboEntity>>> {
  const snap = await w.admin<{ entities: Record<string, Record<string, QboEntity> | QboEntity[]> }>('GET', `/companies/${w.realmId}`)
  return Object.fromEntries(Object.entries(snap.entities).map(([k, v]) => [k, Array.isArray(v) ? Object.fromEntries(v.map((e) => [String(e.Id), e])) : v]))
}
const named = (entities: Record<string, QboEntity> | undefined, name: string) =>
  Object.values(entities ?? {}).find((e) => e['Name'] === name || e['DisplayName'] === name)

const customerOf = (e: QboEntity) => (e['CustomerRef'] as { value?: string } | undefined)?.value

const idleTimers: Timers = { setTimeout: () => undefined, clearTimeout: () => undefined, setInterval: () => undefined, clearInterval: () => undefined }

/** The worker's engine on this device: it asks the edge's /api/session before every run, as the app does. */
function engineOn(device: Device, over: Partial<EngineDeps> = {}): SyncEngine {
  const { store, random } = device.deps()
  return new SyncEngine({ store, gatewayFor: () => w.gateway, session: (since) => w.session(since), clock: w.clock, random, timers: idleTimers, ...over })
}

describe("design.md's error table, through the edge", () => {
  it('authentication expired: the edge refreshes the access token once, silently, and the push goes through', async () => {
    const { db, deps } = w.device()
    const c = unwrap(await createContact(db, { givenName: 'Ada', familyName: 'Expired' }))
    const mark = await lastRequestSeq()
    expect(await w.admin('POST', '/tokens/expire', { realmId: w.realmId, which: 'access' })).toMatchObject({ expired: 1 })

    const { summary } = await push(deps())
    expect(summary).toMatchObject({ synced: 1, failed: 0 })
    expect(summary.stoppedBy).toBeUndefined()
    const calls = await requestsSince(mark)
    // Intuit refused the expired token, the edge refreshed once, and the same call went again with the new one.
    expect(calls.map((r) => [r.method, r.path.replace(/\/v3\/company\/\d+/, ''), r.status])).toEqual([
      ['POST', '/customer', 401], ['POST', '/oauth2/v1/tokens/bearer', 200], ['POST', '/customer', 200],
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
    const people = [unwrap(await createContact(db, { givenName: 'Bo', familyName: 'Revoked' })), unwrap(await createContact(db, { givenName: 'Cy', familyName: 'Revoked' }))]
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
        expect(await stateOf(db, 'contact', p.id)).toMatchObject({ tone: 'failed', kind: 'auth', action: 'reconnect', message: expect.stringMatching(/Reconnect/) })
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
    const holder = Object.values(before['Customer']!).find((x) => x['Active'] === true && x['Job'] !== true && x['DisplayName'] !== undefined)!
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
    expect(state).toMatchObject({ tone: 'failed', kind: 'duplicate', action: 'rename-or-link', field: 'DisplayName', message: words })
    // What the Link button links to, read back from the words the engine stored.
    expect(clashIn(state.tone === 'failed' ? state.message : '')).toEqual({ qboId: holder.Id, name })
    const log = await logOf(db)
    expect(log.find((l) => l.localId === c.id)).toMatchObject({ status: 'error', qboId: holder.Id, details: expect.stringContaining(words) })
    // A vendor's name is taken too; a customer read cannot name it, so the row gives its Id and offers only Rename.
    const vs = await stateOf(db, 'contact', v.id)
    expect(vs).toMatchObject({ tone: 'failed', action: 'rename-or-link' })
    expect(clashIn(vs.tone === 'failed' ? vs.message : '')).toBeUndefined()
    expect(log.find((l) => l.localId === v.id)).toMatchObject({ status: 'error', details: expect.stringContaining(`Id ${vendor.Id} has this name`) })
  })

  it('record not found (610, deleted in QuickBooks): a red row offering unlink-and-recreate; never recreated silently', async () => {
    const { db, deps } = w.device()
    const accounts = { income: '1' }
    const c = unwrap(await createContact(db, { givenName: 'Bea', familyName: 'Gone' }))
    const item = unwrap(await createItem(db, { name: 'Gone Valve Service', unitPrice: 10_000 }))
    const [inv] = unwrap(await createInvoices(db, [{ contactId: c.id, finalize: true, lines: [{ itemId: item.id, name: item.name, qty: 1000, unitPrice: 10_000 }] }]))
    expect((await push(deps({ accounts }))).summary).toMatchObject({ synced: 3, failed: 0 })
    const qboId = (await db.mappings.get(['invoice', inv!.id]))!.qboId
    const customer = (await db.mappings.get(['contact', c.id]))!.qboId
    await w.admin('DELETE', `/companies/${w.realmId}/Invoice/${qboId}`)
    const ours = async () => (await w.entities('Invoice')).filter((x) => customerOf(x) === customer)

    unwrap(await updateInvoiceHeader(db, inv!.id, { memo: 'Back gate' }))
    expect((await push(deps({ accounts }))).summary).toMatchObject({ synced: 0, failed: 1 })
    const state = await stateOf(db, 'invoice', inv!.id)
    expect(state).toMatchObject({ tone: 'failed', code: '610', kind: 'notFound', action: 'unlink-and-recreate', message: expect.stringMatching(/deleted .*in QuickBooks\. Unlink it to create it again/) })
    expect((await logOf(db)).filter((l) => l.status === 'error')).toMatchObject([{ localId: inv!.id, qboId, details: expect.stringMatching(/deleted/) }])
    // Sync Now again: still refused, still nothing created.
    expect((await push(deps({ accounts }))).summary.synced).toBe(0)
    expect(await ours()).toEqual([])

    // Only the user's "Unlink and create again" does.
    await unlinkAndRecreate(db, { kind: 'invoice', localId: inv!.id }, (await db.invoices.get(inv!.id))!.version)
    expect((await push(deps({ accounts }))).summary).toMatchObject({ synced: 1, failed: 0 })
    const again = await ours()
    expect(again.map((x) => [x['DocNumber'], (x['CustomerMemo'] as { value?: string } | undefined)?.value])).toEqual([[inv!.number, 'Back gate']])
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
    const edit = (id: string, patch: Record<string, unknown>) => w.admin('PATCH', `/companies/${w.realmId}/Customer/${id}`, patch)
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
    const there = async (id: string) => { const qboId = await qboIdOf(id); return customers.find((x) => x.Id === qboId) }
    expect(await there(early.id)).toMatchObject({ PrimaryPhone: { FreeFormNumber: '916-555-0202' }, Notes: 'Gate code 7', PrimaryEmailAddr: { Address: 'cal@example.com' } })
    expect(await there(late.id)).toMatchObject({ PrimaryPhone: { FreeFormNumber: '916-555-0404' }, Notes: 'Dog in yard', PrimaryEmailAddr: { Address: 'dot@example.com' } })
    expect(await db.contacts.get(early.id)).toMatchObject({ phone: '916-555-0202', notes: 'Gate code 7', email: 'cal@example.com' })
    expect(await db.contacts.get(late.id)).toMatchObject({ phone: '916-555-0404', notes: 'Dog in yard', email: 'dot@example.com' })

    const log = await logOf(db)
    expect(log.filter((l) => l.status === 'conflict').map((l) => [l.localId, l.details])).toEqual([
      [early.id, 'phone: here "916-555-0101", QuickBooks "916-555-0202"; kept QuickBooks\'s (most recent).'],
      [late.id, 'phone: here "916-555-0404", QuickBooks "916-555-0303"; kept this device\'s (most recent).'],
    ])
    expect(log.filter((l) => l.status === 'error')).toEqual([])
    expect(await db.outbox.count()).toBe(0)
    for (const id of [early.id, late.id]) expect(await stateOf(db, 'contact', id)).toMatchObject({ tone: 'synced' })
  })

  it('rate limit (429): with the company held to tight limits the push still finishes in one run, and the user hears nothing of it', async () => {
    const { db, deps } = w.device()
    const people = []
    for (let i = 1; i <= 12; i++) people.push(unwrap(await createContact(db, { givenName: `Rae${i}`, familyName: 'Paced' })))
    const mark = await lastRequestSeq()
    // Intuit allows 500 requests, 40 batch calls and 10 at once per minute; this company gets 4, 1 and 2.
    await w.admin('PUT', `/companies/${w.realmId}/limits`, { requestsPerWindow: 4, batchPerWindow: 1, concurrent: 2 })
    let summary
    try {
      summary = (await push(deps(), { batchSize: 2 })).summary
    } finally {
      await w.admin('DELETE', `/companies/${w.realmId}/limits`)
    }
    const answers = (await requestsSince(mark)).filter((r) => r.realmId === w.realmId)
    expect(answers.filter((r) => r.status === 429).length).toBeGreaterThan(0)
    expect(summary).toMatchObject({ synced: 12, failed: 0 })
    expect(await db.outbox.count()).toBe(0)
    const log = await logOf(db)
    expect(log.map((l) => l.status)).toEqual(Array(12).fill('synced'))
    expect(log.filter((l) => /slow|limit|throttl|wait|again/i.test(l.details))).toEqual([])
    const names = (await w.entities('Customer')).map((x) => String(x['DisplayName'])).filter((n) => n.endsWith(' Paced'))
    expect(names.sort()).toEqual(people.map((p) => p.displayName).sort())
  })

  it('validation (6000, an income account that is a bank account): a red row pointing at the field to fix', async () => {
    const { db, deps } = w.device()
    const checking = named((await company())['Account'], 'Checking')!
    expect(checking['AccountType']).toBe('Bank')
    const item = unwrap(await createItem(db, { name: 'Bank Booked Service', unitPrice: 5_000 }))
    expect((await push(deps({ accounts: { income: String(checking.Id) } }))).summary).toMatchObject({ synced: 0, failed: 1 })
    expect(named(Object.fromEntries((await w.entities('Item')).map((x) => [String(x.Id), x])), 'Bank Booked Service')).toBeUndefined()
    const state = await stateOf(db, 'item', item.id)
    const words = 'QuickBooks rejected this record as incomplete or inconsistent. Check the default income account in Settings → QuickBooks, then try again.'
    expect(state).toMatchObject({ tone: 'failed', code: '6000', kind: 'validation', action: 'fix-field', message: words })
    expect((await logOf(db)).filter((l) => l.status === 'error')).toMatchObject([{ localId: item.id, details: `${words} Field: IncomeAccountRef.` }])
  })

  it('invoice total mismatch (QuickBooks taxes it at its own rates, and a line was added there): a warning row with both totals, the tax and the line', async () => {
    const { db, deps } = w.device()
    const accounts = { income: '1' }
    const c = unwrap(await createContact(db, { givenName: 'Eve', familyName: 'Totals' }))
    const item = unwrap(await createItem(db, { name: 'Totals Heater Flush', unitPrice: 20_000, taxable: true }))
    // 200.00 taxed here at 7.75 %: 15.50, total 215.50.
    const [inv] = unwrap(await createInvoices(db, [{ contactId: c.id, taxRateBps: 775, finalize: true, lines: [{ itemId: item.id, name: item.name, qty: 1000, unitPrice: 20_000, taxable: true }] }]))
    expect((await push(deps({ accounts }))).summary).toMatchObject({ synced: 3, failed: 0 })
    const qboId = (await db.mappings.get(['invoice', inv!.id]))!.qboId
    expect([inv!.total, Number((await w.entities('Invoice')).find((x) => x.Id === qboId)!['TotalAmt'])]).toEqual([21_550, 215.5])

    // The bookkeeper applies the company's Sacramento code (7.25 % + 1.5 %) and adds a 40.00 untaxed line.
    const co = await company()
    const code = named(co['TaxCode'], 'Sacramento')!
    const lines = (co['Invoice']![qboId]!['Line'] as QboEntity[]).filter((l) => l['DetailType'] !== 'SubTotalLineDetail')
    const itemQboId = (await db.mappings.get(['item', item.id]))!.qboId
    await w.admin('PATCH', `/companies/${w.realmId}/Invoice/${qboId}`, {
      TxnTaxDetail: { TxnTaxCodeRef: { value: code.Id } },
      Line: [...lines, { DetailType: 'SalesItemLineDetail', Amount: 40, SalesItemLineDetail: { ItemRef: { value: itemQboId }, Qty: 1, UnitPrice: 40, TaxCodeRef: { value: 'NON' } } }],
    })
    unwrap(await updateInvoiceHeader(db, inv!.id, { memo: 'Flush again in a year' }))
    expect((await push(deps({ accounts }))).summary).toMatchObject({ synced: 1, failed: 0 })

    const q = (await w.entities('Invoice')).find((x) => x.Id === qboId)!
    // 200.00 × 7.25 % = 14.50 and × 1.5 % = 3.00: 17.50 of tax on 240.00.
    expect(q).toMatchObject({ TotalAmt: 257.5, CustomerMemo: { value: 'Flush again in a year' } })
    const warnings = (await logOf(db)).filter((l) => l.localId === inv!.id && l.status === 'warning')
    expect(warnings.map((l) => l.details)).toEqual([
      'QuickBooks total 257.50 differs from Fieldsync total 215.50. Tax: here 15.50, QuickBooks 17.50. Line 2: here 0.00, QuickBooks 40.00. '
        + "Payments apply at most QuickBooks' balance.",
    ])
    expect((await logOf(db)).filter((l) => l.status === 'error')).toEqual([])
    expect(await stateOf(db, 'invoice', inv!.id)).toMatchObject({ tone: 'synced' })
  })

  it('network gone (the tablet cannot reach the edge): stays queued with nothing lost, and goes out by itself once back online', async () => {
    const device = w.device()
    const { db } = device
    // A loopback port nobody listens on: every call is refused, as with no signal. 'flaky': the signal went right
    // after the engine's session check, so the push itself fails.
    const unreachable = `http://127.0.0.1:${await freePort()}`
    const offline = edgeGateway(w.realmId, { origin: unreachable })
    let signal: 'none' | 'flaky' | 'good' = 'good'
    const engine = engineOn(device, {
      gatewayFor: () => (signal === 'good' ? w.gateway : offline),
      session: async (since) => (signal === 'none' ? fetch(`${unreachable}/api/session`).then(() => undefined, () => undefined) : w.session(since)),
    })
    expect((await engine.preview()).ok).toBe(true)
    expect(await engine.runInitial([])).toMatchObject({ ok: true })
    const c = unwrap(await createContact(db, { givenName: 'Gil', familyName: 'Offline' }))

    signal = 'none'
    engine.setOnline(false)
    expect(await engine.syncNow()).toMatchObject({ ok: false, error: { kind: 'fault', message: 'Fieldsync could not reach its server. Changes stay queued.' } })
    expect(await stateOf(db, 'contact', c.id)).toMatchObject({ tone: 'pending', label: 'Waiting to be sent to QuickBooks' })

    signal = 'flaky'
    const lost = await engine.syncNow()
    expect(lost.ok && lost.value.push).toMatchObject({ synced: 0, failed: 1 })
    const [row] = await db.outbox.toArray()
    expect(row).toMatchObject({ localId: c.id, lastError: { code: 'network' } })
    expect(row!.nextAttemptAt).toBeDefined()
    expect(await stateOf(db, 'contact', c.id)).toMatchObject({ tone: 'pending', retrying: true, label: expect.stringMatching(/No connection to QuickBooks.*stays queued/) })
    expect((await logOf(db)).filter((l) => l.status === 'error')).toEqual([])

    // A minute later the signal is back: coming online starts a sync; the Sync Now queued behind it finds nothing left.
    signal = 'good'
    w.clock.advance(60_000)
    engine.setOnline(true)
    const after = await engine.syncNow()
    expect(after.ok && after.value.push).toMatchObject({ synced: 0, failed: 0 })
    expect(await db.outbox.count()).toBe(0)
    expect(await stateOf(db, 'contact', c.id)).toMatchObject({ tone: 'synced' })
    expect((await w.entities('Customer')).filter((x) => x['DisplayName'] === 'Gil Offline')).toHaveLength(1)
  })

  it('network gone (the edge cannot reach QuickBooks): stays queued with nothing lost, and goes out once QuickBooks answers again', async () => {
    const { db, deps } = w.device()
    const c = unwrap(await createContact(db, { givenName: 'Hal', familyName: 'Unreachable' }))
    const backUp = await w.quickBooksDown()
    try {
      expect((await push(deps())).summary).toMatchObject({ synced: 0, failed: 1 })
    } finally {
      await backUp()
    }
    const [row] = await db.outbox.toArray()
    expect(row).toMatchObject({ localId: c.id, lastError: { code: 'intuit_unavailable' } })
    expect(await stateOf(db, 'contact', c.id)).toMatchObject({ tone: 'pending', retrying: true, label: expect.stringMatching(/not answering.*stay queued/) })
    expect((await logOf(db)).filter((l) => l.status === 'error')).toEqual([])

    w.clock.advance(60_000)
    expect((await push(deps())).summary).toMatchObject({ synced: 1, failed: 0 })
    expect(await db.outbox.count()).toBe(0)
    expect((await w.entities('Customer')).filter((x) => x['DisplayName'] === 'Hal Unreachable')).toHaveLength(1)
  })
})
