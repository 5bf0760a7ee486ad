/**
 * Invoice numbers at push time. When the company lets QuickBooks number invoices (`CustomTxnNumbers` false), a new
 * invoice goes without one and shows QuickBooks' number once synced; it is found again by the app's key, not by a
 * number. Otherwise a number QuickBooks already has never goes out, since with its duplicate warning off QuickBooks
 * keeps a second "1001": when the company numbers invoices by hand, the invoice is refused here as QuickBooks would
 * with 6140 and its page offers "Use the next free number"; when the setting cannot be read, the invoice takes the
 * next free number and goes. Either way the local counter moves past the company's highest.
 *
 * The decision is taken once per run, before any group is sent (`decideNumbers`): groups run concurrently, and a
 * check in each renumbered an invoice another group had just created, leaving the tablet showing a number
 * QuickBooks never held.
 * @module
 */
import { classifyFault, nextFreeNumber, recordKey, renumberSettlement } from '../core/index.ts'
import type { LocalRecord, SyncFault, SyncOp } from '../core/index.ts'
import { err, ok, type Result } from '#shared/result.ts'
import { readCustomNumbers, readNumbering, takenDocNumbers } from '../invoice-numbers.ts'
import { commit, failed, nowIso } from './commit.ts'
import { recordOf, type Run, type RunView, type Settled } from './state.ts'

const DOC_NUMBER_TAKEN = '6140'

/** QuickBooks' own refusal of a taken number, so a number found taken here reads and acts the same. */
function numberTaken(docNumber: string): SyncFault {
  return classifyFault({
    type: 'http',
    status: 400,
    entity: 'Invoice',
    body: {
      Fault: {
        type: 'ValidationFault',
        Error: [
          {
            code: DOC_NUMBER_TAKEN,
            Message: 'Duplicate Document Number Error',
            Detail: `QuickBooks already has an invoice numbered ${docNumber}.`,
            element: 'DocNumber',
          },
        ],
      },
    },
  })
}

const isNewInvoice = (o: SyncOp) => o.kind === 'invoice' && o.action === 'create'
const numberOf = (run: RunView, o: SyncOp) => (recordOf(run, o) as { number?: string } | undefined)?.number

/** What the numbers step decided for a run: who numbers invoices, and the new invoices refused before sending. */
export interface Numbers {
  /** The company lets QuickBooks number invoices (`CustomTxnNumbers` false): a create sends none. */
  quickBooksNumbers: boolean
  /** Op ids refused here (settled as failed): they are not sent this run. */
  refused: Set<string>
  /** Why who numbers invoices is unknown this run (a read that may succeed later): no new invoice goes. */
  unread?: SyncFault | undefined
}

/**
 * The numbers step, once per run before any group goes (groups run concurrently, so a decision taken in each
 * could renumber an invoice another group is sending): reads who numbers the company's invoices and, when this
 * device does, checks every new invoice's number and renumbers or refuses the ones QuickBooks has. A renumber is
 * stored before the create that uses it. Resends are left alone: they go out as their claim stored them.
 */
export async function decideNumbers(run: Run, ops: readonly SyncOp[]): Promise<Numbers> {
  const creates = ops.filter(isNewInvoice)
  if (creates.length === 0) return { quickBooksNumbers: false, refused: new Set() }
  const read = await readCustomNumbers(run.gateway)
  // Who numbers them is unknown for now: new invoices wait for the next run rather than go on a guess.
  if (!read.ok) {
    const waiting = creates.filter((o) => o.batchId === undefined && !o.lookupFirst)
    const refused = await refuse(run, new Map(waiting.map((o) => [o, read.error])))
    return { quickBooksNumbers: false, refused, unread: read.error }
  }
  const byHand = read.value
  // The tablet finalizes invoices without a number while QuickBooks gives them.
  await run.store.setQuickBooksNumbers(byHand === false)
  // QuickBooks numbers the company's invoices: none is sent, so none can clash.
  if (byHand === false) return { quickBooksNumbers: true, refused: new Set() }
  const fresh = creates.filter((o) => o.batchId === undefined && !o.lookupFirst && numberOf(run, o) !== undefined)
  const refused = await renumberOrRefuse(run, fresh, byHand)
  return { quickBooksNumbers: false, refused }
}

async function renumberOrRefuse(run: Run, fresh: SyncOp[], byHand: boolean | undefined): Promise<Set<string>> {
  if (fresh.length === 0) return new Set()
  const taken = await takenDocNumbers(
    run.gateway,
    fresh.map((o) => numberOf(run, o)!),
  )
  // Not checked is not sent: a number is never put into the books unchecked.
  if (!taken.ok) return refuse(run, new Map(fresh.map((o) => [o, taken.error])))
  const clashing = fresh.filter((o) => taken.value.has(numberOf(run, o)!))
  if (clashing.length === 0) return new Set()
  // Refused or renumbered, the local counter moves past the company's highest: the next number offered is free.
  if (byHand === true) {
    await movePastCompany(run, [...taken.value])
    return refuse(run, new Map(clashing.map((o) => [o, numberTaken(numberOf(run, o)!)])))
  }
  const picked = await pickFree(run, clashing.length, taken.value)
  // The company's highest unread, or no free number confirmed: not sent this run, never guessed.
  if (!picked.ok) return refuse(run, new Map(clashing.map((o) => [o, picked.error])))
  const renumbered = clashing.map((o, i) => {
    const rec = recordOf(run, o) as LocalRecord & { number: string }
    const to = picked.value[i]!
    return { o, settlement: renumberSettlement(rec as never, to, nowIso(run)), record: { ...rec, number: to } }
  })
  await commit(
    run,
    renumbered.map((r) => ({ settlement: r.settlement })),
  )
  for (const r of renumbered) run.state.records.set(recordKey('invoice', r.o.localId ?? ''), r.record as LocalRecord)
  return new Set()
}

/**
 * New invoices of a group whose claims were let go after a lookup found nothing: they go as new requests, so the
 * numbers they carry are checked again (QuickBooks may have been given them meanwhile). One taken is refused here,
 * released, and decided by the next run's numbers step like any new invoice.
 */
export async function checkReleased(
  run: Run,
  ops: SyncOp[],
  released: ReadonlySet<string>,
): Promise<{ ops: SyncOp[]; settled: Settled[] }> {
  const unread = run.state.numbersUnread
  const numbered = run.state.quickBooksNumbers
    ? []
    : ops.filter((o) => released.has(o.id) && isNewInvoice(o) && (unread || numberOf(run, o) !== undefined))
  if (numbered.length === 0) return { ops, settled: [] }
  if (unread)
    return {
      ops: ops.filter((o) => !numbered.includes(o)),
      settled: numbered.map((o) => failed(run, o, unread, o.outboxSeqs, true)),
    }
  const taken = await takenDocNumbers(
    run.gateway,
    numbered.map((o) => numberOf(run, o)!),
  )
  const faults = new Map<string, SyncFault>()
  for (const o of numbered) {
    if (!taken.ok) faults.set(o.id, taken.error)
    else if (taken.value.has(numberOf(run, o)!)) faults.set(o.id, numberTaken(numberOf(run, o)!))
  }
  const settled = [...faults].map(([id, fault]) => {
    const o = ops.find((x) => x.id === id)!
    return failed(run, o, fault, o.outboxSeqs, true)
  })
  return { ops: ops.filter((o) => !faults.has(o.id)), settled }
}

/** Tries at confirming fresh numbers free in QuickBooks before giving up for this run. */
const PICK_TRIES = 3

/**
 * `count` numbers past the company's highest that neither QuickBooks nor this device holds, each confirmed by a
 * query: numbers are only ever checked by asking for them, so a number not asked about is never assumed free.
 * The local counter moves past them before they are used, so a stop in between cannot hand them out again.
 */
async function pickFree(run: Run, count: number, taken: Set<string>): Promise<Result<string[], SyncFault>> {
  const highest = await readNumbering(run.gateway)
  if (!highest.ok) return highest
  const known = new Set(taken)
  let fault: SyncFault | undefined
  for (let t = 0; t < PICK_TRIES; t++) {
    await run.store.moveInvoiceNumberPast([
      ...known,
      ...(highest.value.highest === undefined ? [] : [String(highest.value.highest)]),
    ])
    const from = (await run.store.settings()).nextInvoiceNumber
    const used = usedHere(run)
    const picks: string[] = []
    for (let i = 0; i < count; i++) {
      const to = String(nextFreeNumber(from, (n) => known.has(n) || used.has(n)))
      used.add(to)
      picks.push(to)
    }
    await run.store.moveInvoiceNumberPast(picks)
    const held = await takenDocNumbers(run.gateway, picks)
    if (!held.ok) return held
    if (held.value.size === 0) return ok(picks)
    for (const n of held.value) known.add(n)
    fault = numberTaken([...held.value][0]!)
  }
  return err(fault!)
}

async function refuse(run: Run, refused: Map<SyncOp, SyncFault>): Promise<Set<string>> {
  await commit(
    run,
    [...refused].map(([o, fault]) => failed(run, o, fault, o.outboxSeqs, true)),
  )
  return new Set([...refused.keys()].map((o) => o.id))
}

/** Every invoice number on this device. */
function usedHere(run: RunView): Set<string> {
  const used = new Set<string>()
  for (const [k, r] of run.state.records) {
    const n = (r as { number?: string }).number
    if (k.startsWith('invoice:') && n !== undefined) used.add(n)
  }
  return used
}

export const isNumberTaken = (f: SyncFault) => f.code === DOC_NUMBER_TAKEN

/** The local counter past the company's highest number (and these), so the next free number is free. */
export async function movePastCompany(run: Run, also: readonly string[] = []): Promise<void> {
  const read = await readNumbering(run.gateway)
  const highest = read.ok ? read.value.highest : undefined
  await run.store.moveInvoiceNumberPast([...also, ...(highest === undefined ? [] : [String(highest)])])
}
