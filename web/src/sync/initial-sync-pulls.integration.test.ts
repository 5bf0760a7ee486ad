/**
 * The initial sync's share of pulling, against the emulator: the history it brings, the checkpoint it leaves (from
 * QuickBooks' clock at the preview's read), and a reconnect after "Clear links" that creates nothing twice.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { clearMappings } from '../db/sync-requests.ts'
import { previewInitialSync, runInitialSync } from './initial-sync.ts'
import { push } from './push.ts'
import { pullChanges } from './pull.ts'
import { startPullWorld, type PullWorld } from './pull-world.ts'
import { fakeClock } from './test-support/fake-clock.ts'

let w: PullWorld
beforeEach(async () => {
  w = await startPullWorld()
})
afterEach(async () => {
  await w.close()
})

const deps = async () => w.deps({ clock: fakeClock(await w.now()) })

describe('initial sync', () => {
  it('brings every open invoice of the customers it links or creates, with their payments', async () => {
    await w.initialSync()
    const linked = new Set(
      (await w.db.mappings.toArray()).filter((m) => m.kind === 'contact').map((m) => m.qboId as string),
    )
    const open = (await w.entities('Invoice')).filter(
      (i) => Number(i['Balance']) > 0 && linked.has((i['CustomerRef'] as { value: string }).value),
    )
    const here = new Set(
      (await w.db.mappings.toArray()).filter((m) => m.kind === 'invoice').map((m) => m.qboId as string),
    )
    expect(open.length).toBeGreaterThan(0)
    expect(open.filter((i) => !here.has(i.Id!)).map((i) => i.Id)).toStrictEqual([])
    expect(await w.db.payments.count()).toBeGreaterThan(0)
  })

  it('starts the checkpoint at QuickBooks’ time of the preview’s read, so an edit made during review comes next pull', async () => {
    const session = await previewInitialSync(await deps())
    if (!session.ok) throw new Error(session.error.userMessage)
    const readAt = Date.parse(session.value.remote.time!)
    // The user reads the preview for ten minutes; the bookkeeper renames a customer meanwhile.
    await w.admin('POST', '/clock/advance', { ms: 600_000 })
    const c = (await w.entities('Customer')).find((x) => x['Active'] !== false && x['Job'] !== true)!
    await w.edit('Customer', c.Id!, { DisplayName: 'Renamed During Review' })
    await runInitialSync(session.value, [], await deps())
    const checkpoint = Date.parse((await w.db.settings.get('app'))!.cdcCheckpoint!)
    expect(checkpoint).toBe(readAt - 60_000)
    const r = await pullChanges(await deps())
    expect(r.ok).toBe(true)
    const m = (await w.db.mappings.toArray()).find((x) => x.kind === 'contact' && x.qboId === c.Id)!
    expect((await w.db.contacts.get(m.localId))?.displayName).toBe('Renamed During Review')
  })

  it('after "Clear links" and a reconnect, creates nothing QuickBooks already has', async () => {
    await w.initialSync()
    await push(await deps())
    const count = async () =>
      Object.fromEntries(
        await Promise.all(
          (['Customer', 'Item', 'Invoice', 'Payment'] as const).map(async (e) => [e, (await w.entities(e)).length]),
        ),
      )
    const before = await count()
    await clearMappings(w.db)
    // Touch an old invoice and payment, as a crew would after reconnecting.
    const inv = (await w.db.invoices.toArray()).find((i) => i.status === 'finalized' && i.deletedAt === undefined)!
    await w.db.outbox.add({
      kind: 'invoice',
      localId: inv.id,
      version: inv.version,
      op: 'update',
      createdAt: new Date().toISOString(),
      attempts: 0,
    } as never)
    await w.initialSync()
    await push(await deps())
    expect(await count()).toStrictEqual(before)
  })
})

describe('initial sync of a company a year into QuickBooks', () => {
  it('brings open invoices and those paid in the last 12 months, not older paid or voided ones', async () => {
    await w.close()
    w = await startPullWorld('history')
    await w.initialSync()
    const since = new Date(await w.now())
    since.setUTCMonth(since.getUTCMonth() - 12)
    const day = since.toISOString().slice(0, 10)
    const linked = new Set(
      (await w.db.mappings.toArray()).filter((m) => m.kind === 'contact').map((m) => m.qboId as string),
    )
    const invoices = (await w.entities('Invoice')).filter((i) =>
      linked.has((i['CustomerRef'] as { value: string }).value),
    )
    const voided = (i: Record<string, unknown>) =>
      Number(i['TotalAmt']) === 0 && String(i['PrivateNote'] ?? '').startsWith('Voided')
    const wanted = invoices.filter((i) => !voided(i) && (Number(i['Balance']) > 0 || String(i['TxnDate']) >= day))
    const here = new Set(
      (await w.db.mappings.toArray()).filter((m) => m.kind === 'invoice').map((m) => m.qboId as string),
    )
    expect(wanted.length).toBeGreaterThan(0)
    expect(
      invoices
        .filter((i) => here.has(i.Id!))
        .map((i) => i.Id)
        .sort(),
    ).toStrictEqual(wanted.map((i) => i.Id).sort())
  })
})
