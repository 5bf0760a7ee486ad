/**
 * Where new invoice numbers come from, behind one small interface. Alone, a device counts on its own counter, kept
 * past the company's highest DocNumber (`moveInvoiceNumberPast`) and past every renumbering. Once the company is
 * connected and its first sync done, the device numbers from blocks its company's RealmGate leased it
 * (`POST /api/numbers/lease`, edge/src/leases), so no two devices share a number: it asks for the next block when
 * fewer than {@link LOW_WATER} remain and keeps numbering offline from what it holds. With no leased number left
 * (offline for long), it falls back to its own counter, and a number QuickBooks refuses as taken is renumbered at push.
 *
 * The lease lives in the settings table, in a row of its own beside the `app` row, so `take` runs inside the
 * caller's transaction like the counter does.
 * @module
 */
import { Lease, LEASE_BLOCK_SIZE } from '#shared/api/number-lease.ts'
import type { Table } from 'dexie'
import type { FieldsyncDB } from './schema.ts'
import { getSettings, moveInvoiceNumberPast, takeInvoiceNumber } from './settings.ts'

export interface InvoiceNumberSource {
  /** The next number, taken inside the caller's transaction (which includes `settings`): never handed out twice. */
  take(db: FieldsyncDB): Promise<string>
  /** Numbers in use elsewhere (QuickBooks' DocNumbers, numbers given out): never handed out after this. */
  movePast(db: FieldsyncDB, docNumbers: readonly unknown[]): Promise<unknown>
}

/** The device's own counter in the settings row. */
export const deviceNumbers: InvoiceNumberSource = {
  take: takeInvoiceNumber,
  movePast: moveInvoiceNumberPast,
}

/** A block is asked for when fewer numbers than this remain. */
export const LOW_WATER = 5
export const LEASE_ROW_ID = 'number-lease'

/** The numbers this device holds for one company. */
export interface LeaseRow {
  id: typeof LEASE_ROW_ID
  realmId: string
  /** Unused blocks, ascending. */
  blocks: Lease[]
  /** Numbers inside the blocks that QuickBooks already has (typed in there): skipped. */
  skip: number[]
  /** The highest DocNumber seen in QuickBooks, sent with the next request. */
  highestSeen: number
}

/** As invoice-numbers.ts reads DocNumbers: plain numbers only. */
const NUMERIC = /^\d{1,15}$/

const leases = (db: FieldsyncDB) => db.settings as unknown as Table<LeaseRow, string>

export const readLease = (db: FieldsyncDB): Promise<LeaseRow | undefined> => leases(db).get(LEASE_ROW_ID)

/** The first number of `row` not skipped, with the row that remains once it is taken. */
function takeFrom(row: LeaseRow): { n: number; rest: LeaseRow } | null {
  const skip = new Set(row.skip)
  for (const b of row.blocks) {
    for (let n = b.from; n <= b.to; n++) {
      if (skip.has(n)) continue
      const blocks = row.blocks.flatMap((x) => (x.to <= n ? [] : [{ from: Math.max(x.from, n + 1), to: x.to }]))
      return { n, rest: { ...row, blocks, skip: row.skip.filter((s) => s > n) } }
    }
  }
  return null
}

export function remaining(row: LeaseRow): number {
  const inBlocks = (n: number) => row.blocks.some((b) => b.from <= n && n <= b.to)
  const held = row.blocks.reduce((sum, b) => sum + b.to - b.from + 1, 0)
  return held - new Set(row.skip.filter(inBlocks)).size
}

export interface LeaseDeps {
  /** Asks the company's gate for a block after `highestSeen`; null when it cannot be reached. */
  request(highestSeen: number): Promise<Lease | null>
  /** Runs work after the caller's transaction (a request never runs inside one). */
  later(fn: () => void): void
}

export type LeasedNumbers = InvoiceNumberSource & {
  /** Asks for a block when the company is connected, its first sync done, and fewer than LOW_WATER remain. */
  topUp(db: FieldsyncDB, realmId: string): Promise<void>
}

export function leasedNumbers(deps: LeaseDeps): LeasedNumbers {
  const inFlight = new Map<string, Promise<void>>()

  async function topUpNow(db: FieldsyncDB, realmId: string): Promise<void> {
    const settings = await getSettings(db)
    if (settings.syncedRealmId !== realmId || !settings.cdcCheckpoint) return
    const row = await readLease(db)
    const mine = row?.realmId === realmId ? row : undefined
    if (mine && remaining(mine) >= LOW_WATER) return
    const highestSeen = Math.max(mine?.highestSeen ?? 0, settings.nextInvoiceNumber - 1, 0)
    const lease = await deps.request(highestSeen)
    if (!lease) return
    await db.transaction('rw', db.settings, async () => {
      const now = await readLease(db)
      const base: LeaseRow =
        now?.realmId === realmId ? now : { id: LEASE_ROW_ID, realmId, blocks: [], skip: [], highestSeen }
      const blocks = [...base.blocks, lease].sort((a, b) => a.from - b.from)
      await leases(db).put({ ...base, blocks })
    })
  }

  const topUp = (db: FieldsyncDB, realmId: string): Promise<void> => {
    const going = inFlight.get(realmId)
    if (going) return going
    const run = topUpNow(db, realmId).finally(() => inFlight.delete(realmId))
    inFlight.set(realmId, run)
    return run
  }

  return {
    topUp,
    async take(db) {
      const settings = await getSettings(db)
      const row = await readLease(db)
      const realmId = settings.syncedRealmId
      const mine = row !== undefined && realmId !== undefined && row.realmId === realmId ? row : undefined
      const taken = mine ? takeFrom(mine) : null
      if (!mine || !taken) {
        if (mine && realmId) deps.later(() => void topUp(db, realmId))
        return deviceNumbers.take(db)
      }
      await leases(db).put(taken.rest)
      // The counter stays past every number used here: a fallback to it never repeats one.
      if (settings.nextInvoiceNumber <= taken.n)
        await db.settings.put({ ...settings, id: 'app', nextInvoiceNumber: taken.n + 1 })
      if (remaining(taken.rest) < LOW_WATER) deps.later(() => void topUp(db, mine.realmId))
      return String(taken.n)
    },
    async movePast(db, docNumbers) {
      const moved = await deviceNumbers.movePast(db, docNumbers)
      const numbers = docNumbers.flatMap((d) =>
        typeof d === 'string' && NUMERIC.test(d.trim()) ? [Number(d.trim())] : [],
      )
      if (numbers.length === 0) return moved
      await db.transaction('rw', db.settings, async () => {
        const row = await readLease(db)
        if (!row) return
        const inBlocks = numbers.filter((n) => row.blocks.some((b) => b.from <= n && n <= b.to))
        const highestSeen = Math.max(row.highestSeen, ...numbers)
        await leases(db).put({ ...row, highestSeen, skip: [...new Set([...row.skip, ...inBlocks])] })
      })
      return moved
    },
  }
}

async function requestLease(highestSeen: number): Promise<Lease | null> {
  try {
    const res = await fetch('/api/numbers/lease', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ highestSeen, count: LEASE_BLOCK_SIZE }),
    })
    if (!res.ok) return null
    const lease = Lease.safeParse(await res.json())
    return lease.success ? lease.data : null
  } catch {
    return null
  }
}

/** The source the app uses: leased numbers while the company is connected, the device's counter otherwise. */
export const invoiceNumbers: LeasedNumbers = leasedNumbers({
  request: requestLease,
  later: (fn) => void setTimeout(fn, 0),
})
