/**
 * The numbers step, before a new invoice is claimed: a number QuickBooks already has never goes out — whatever the
 * company's settings, since with its duplicate warning off QuickBooks keeps a second "1001". When the company
 * numbers invoices by hand, the invoice is refused here as QuickBooks would with 6140 and its page offers "Use the
 * next free number"; when QuickBooks numbers them, the number is QuickBooks' choice anyway, so the invoice takes the
 * next free one and goes — as it does when the setting cannot be read (never a duplicate either way). Either way the local counter moves past the company's
 * highest.
 *
 * A number is always sent, even when QuickBooks numbers invoices: it is what finds a create whose answer was lost
 * (`lookup.ts`); without it a resend after a crash could make a second invoice.
 * @module
 */
import { classifyFault, nextFreeNumber, recordKey, renumberSettlement } from '../core/index.ts'
import type { LocalRecord, SyncFault, SyncOp } from '../core/index.ts'
import { err, ok, type Result } from '#shared/result.ts'
import { readCustomNumbers, readNumbering, takenDocNumbers } from '../invoice-numbers.ts'
import { commit, failed, nowIso } from './commit.ts'
import { recordOf, type Run, type Settled } from './state.ts'

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
const numberOf = (run: Run, o: SyncOp) => (recordOf(run, o) as { number?: string } | undefined)?.number

/** The ops that may go, and the settlements of new invoices whose numbers QuickBooks has (or could not check). */
export async function checkNumbers(
  run: Run,
  ops: SyncOp[],
  prior: string | undefined,
): Promise<{ ops: SyncOp[]; settled: Settled[] }> {
  // A resend goes out as its claim stored it: its number was checked before it first went.
  const numbered = prior === undefined ? ops.filter((o) => isNewInvoice(o) && numberOf(run, o) !== undefined) : []
  if (numbered.length === 0) return { ops, settled: [] }
  const taken = await takenDocNumbers(
    run.gateway,
    numbered.map((o) => numberOf(run, o)!),
  )
  // Not checked is not sent: a number is never put into the books unchecked.
  if (!taken.ok) return refuse(run, ops, new Map(numbered.map((o) => [o.id, taken.error])))
  const clashing = numbered.filter((o) => taken.value.has(numberOf(run, o)!))
  if (clashing.length === 0) return { ops, settled: [] }
  const byHand = await readCustomNumbers(run.gateway)
  // Refused or renumbered, the local counter moves past the company's highest: the next number offered is free.
  if (byHand === true) {
    await movePastCompany(run, [...taken.value])
    return refuse(run, ops, new Map(clashing.map((o) => [o.id, numberTaken(numberOf(run, o)!)])))
  }
  const picked = await pickFree(run, clashing.length, taken.value)
  // The company's highest unread, or no free number confirmed: not sent this run, never guessed.
  if (!picked.ok) return refuse(run, ops, new Map(clashing.map((o) => [o.id, picked.error])))
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
  return { ops, settled: [] }
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
    // From here to the last `used.add` nothing awaits: no other group can take the same numbers meanwhile.
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

function refuse(run: Run, ops: SyncOp[], refused: Map<string, SyncFault>): { ops: SyncOp[]; settled: Settled[] } {
  const settled = [...refused].map(([id, fault]) => {
    const o = ops.find((x) => x.id === id)!
    return failed(run, o, fault, o.outboxSeqs, true)
  })
  return { ops: ops.filter((o) => !refused.has(o.id)), settled }
}

/** Numbers given out in a run, shared by its groups (they run concurrently), on top of the records' own. */
const givenOut = new WeakMap<Run, Set<string>>()

/** Every invoice number on this device, and those this run gave out. */
function usedHere(run: Run): Set<string> {
  let used = givenOut.get(run)
  if (!used) givenOut.set(run, (used = new Set<string>()))
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
