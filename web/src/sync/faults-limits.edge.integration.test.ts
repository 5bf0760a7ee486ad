import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '#e2e/support/edge-worker.ts'
import { createContact, createInvoices, createItem, updateInvoiceHeader } from '../db/index.ts'
import { unwrap } from '../db/test-db.ts'
import { edgeGateway } from './adapters/edge-gateway.ts'
import type { QboEntity } from './ports.ts'
import { push } from './push.ts'
import { startEdgeWorld, type EdgeWorld } from './test-support/edge-world.ts'
import { errorTable, ERROR_TABLE_WORLD, logOf, named, stateOf } from './test-support/error-table.ts'

// docs/product.md §Errors through the real edge, continued: throttling, a refused field, QuickBooks' own
// totals, and the network gone on either side. One Worker for the file; the tests share the company, so each
// uses names of its own and undoes what it changes in the emulator.

let w: EdgeWorld
beforeAll(async () => {
  w = await startEdgeWorld(ERROR_TABLE_WORLD)
}, 60_000)
afterAll(async () => {
  await w?.close()
})
const { lastRequestSeq, requestsSince, company, engineOn } = errorTable(() => w)

describe('docs/product.md §Errors, through the edge: limits, validation, totals and networks', () => {
  it('rate limit (429): with the company held to tight limits the push still finishes in one run, and the user hears nothing of it', async () => {
    const { db, deps } = w.device()
    const people = []
    for (let i = 1; i <= 12; i++)
      people.push(unwrap(await createContact(db, { givenName: `Rae${i}`, familyName: 'Paced' })))
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
    const names = (await w.entities('Customer'))
      .map((x) => String(x['DisplayName']))
      .filter((n) => n.endsWith(' Paced'))
    expect(names.sort()).toEqual(people.map((p) => p.displayName).sort())
  })

  it('validation (6000, an income account that is a bank account): a red row pointing at the field to fix', async () => {
    const { db, deps } = w.device()
    const checking = named((await company())['Account'], 'Checking')!
    expect(checking['AccountType']).toBe('Bank')
    const item = unwrap(await createItem(db, { name: 'Bank Booked Service', unitPrice: 5_000 }))
    expect((await push(deps({ accounts: { income: String(checking.Id) } }))).summary).toMatchObject({
      synced: 0,
      failed: 1,
    })
    expect(
      named(Object.fromEntries((await w.entities('Item')).map((x) => [String(x.Id), x])), 'Bank Booked Service'),
    ).toBeUndefined()
    const state = await stateOf(db, 'item', item.id)
    const words =
      'QuickBooks rejected this record as incomplete or inconsistent. Check the default income account in Settings → QuickBooks, then try again.'
    expect(state).toMatchObject({
      tone: 'failed',
      code: '6000',
      kind: 'validation',
      action: 'fix-field',
      message: words,
    })
    expect((await logOf(db)).filter((l) => l.status === 'error')).toMatchObject([
      { localId: item.id, details: `${words} Field: IncomeAccountRef.` },
    ])
  })

  it('invoice total mismatch (QuickBooks taxes it at its own rates, and a line was added there): a warning row with both totals, the tax and the line', async () => {
    const { db, deps } = w.device()
    const accounts = { income: '1' }
    const c = unwrap(await createContact(db, { givenName: 'Eve', familyName: 'Totals' }))
    const item = unwrap(await createItem(db, { name: 'Totals Heater Flush', unitPrice: 20_000, taxable: true }))
    // 200.00 taxed here at 7.75 %: 15.50, total 215.50.
    const [inv] = unwrap(
      await createInvoices(db, [
        {
          contactId: c.id,
          taxRateBps: 775,
          finalize: true,
          lines: [{ itemId: item.id, name: item.name, qty: 1000, unitPrice: 20_000, taxable: true }],
        },
      ]),
    )
    expect((await push(deps({ accounts }))).summary).toMatchObject({ synced: 3, failed: 0 })
    const qboId = (await db.mappings.get(['invoice', inv!.id]))!.qboId
    expect([inv!.total, Number((await w.entities('Invoice')).find((x) => x.Id === qboId)!['TotalAmt'])]).toEqual([
      21_550, 215.5,
    ])

    // The bookkeeper applies the company's Sacramento code (7.25 % + 1.5 %) and adds a 40.00 untaxed line.
    const co = await company()
    const code = named(co['TaxCode'], 'Sacramento')!
    const lines = (co['Invoice']![qboId]!['Line'] as QboEntity[]).filter(
      (l) => l['DetailType'] !== 'SubTotalLineDetail',
    )
    const itemQboId = (await db.mappings.get(['item', item.id]))!.qboId
    await w.admin('PATCH', `/companies/${w.realmId}/Invoice/${qboId}`, {
      TxnTaxDetail: { TxnTaxCodeRef: { value: code.Id } },
      Line: [
        ...lines,
        {
          DetailType: 'SalesItemLineDetail',
          Amount: 40,
          SalesItemLineDetail: { ItemRef: { value: itemQboId }, Qty: 1, UnitPrice: 40, TaxCodeRef: { value: 'NON' } },
        },
      ],
    })
    unwrap(await updateInvoiceHeader(db, inv!.id, { memo: 'Flush again in a year' }))
    expect((await push(deps({ accounts }))).summary).toMatchObject({ synced: 1, failed: 0 })

    const q = (await w.entities('Invoice')).find((x) => x.Id === qboId)!
    // 200.00 × 7.25 % = 14.50 and × 1.5 % = 3.00: 17.50 of tax on 240.00.
    expect(q).toMatchObject({ TotalAmt: 257.5, CustomerMemo: { value: 'Flush again in a year' } })
    const warnings = (await logOf(db)).filter((l) => l.localId === inv!.id && l.status === 'warning')
    expect(warnings.map((l) => l.details)).toEqual([
      'QuickBooks total 257.50 differs from Fieldsync total 215.50. Tax: here 15.50, QuickBooks 17.50. Line 2: here 0.00, QuickBooks 40.00. ' +
        "Payments apply at most QuickBooks' balance.",
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
      session: async (since) =>
        signal === 'none'
          ? fetch(`${unreachable}/api/session`).then(
              () => undefined,
              () => undefined,
            )
          : w.session(since),
    })
    expect((await engine.preview()).ok).toBe(true)
    expect(await engine.runInitial([])).toMatchObject({ ok: true })
    const c = unwrap(await createContact(db, { givenName: 'Gil', familyName: 'Offline' }))

    signal = 'none'
    engine.setOnline(false)
    expect(await engine.syncNow()).toMatchObject({
      ok: false,
      error: { kind: 'fault', message: 'Fieldsync could not reach its server. Changes stay queued.' },
    })
    expect(await stateOf(db, 'contact', c.id)).toMatchObject({
      tone: 'pending',
      label: 'Waiting to be sent to QuickBooks',
    })

    signal = 'flaky'
    const lost = await engine.syncNow()
    expect(lost.ok && lost.value.push).toMatchObject({ synced: 0, failed: 1 })
    const [row] = await db.outbox.toArray()
    expect(row).toMatchObject({ localId: c.id, lastError: { code: 'network' } })
    expect(Date.parse(row!.nextAttemptAt ?? '')).toBeGreaterThan(w.clock.now())
    expect(await stateOf(db, 'contact', c.id)).toMatchObject({
      tone: 'pending',
      retrying: true,
      label: expect.stringMatching(/No connection to QuickBooks.*stays queued/),
    })
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
    expect(await stateOf(db, 'contact', c.id)).toMatchObject({
      tone: 'pending',
      retrying: true,
      label: expect.stringMatching(/not answering.*stay queued/),
    })
    expect((await logOf(db)).filter((l) => l.status === 'error')).toEqual([])

    w.clock.advance(60_000)
    expect((await push(deps())).summary).toMatchObject({ synced: 1, failed: 0 })
    expect(await db.outbox.count()).toBe(0)
    expect((await w.entities('Customer')).filter((x) => x['DisplayName'] === 'Hal Unreachable')).toHaveLength(1)
  })
})
