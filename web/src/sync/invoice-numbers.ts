/**
 * Invoice numbers that fit the company, as the shell does it: read the company's numbering (custom numbers or
 * QuickBooks' own, the highest DocNumber in use), ask which of this device's unsent numbers QuickBooks already
 * has, and commit the renumbering the core decides. The initial sync's preview says what will be renumbered; a
 * push checks before it sends, since with the duplicate warning off QuickBooks would keep a second "1001". When
 * QuickBooks numbers the company's invoices nothing is renumbered: no number is sent (runner/numbers.ts).
 * @module
 */
import type { Invoice } from '#shared/domain/index.ts'
import { ok, type Result } from '#shared/result.ts'
import {
  customTxnNumbersOf,
  highestNumber,
  qboString,
  renumber,
  renumberSettlement,
  renumberSummary,
} from './core/index.ts'
import type { CompanyNumbering, Renumbered, SyncFault } from './core/index.ts'
import type { LocalSnapshot, LocalStore, QboEntity, QboGateway } from './ports.ts'

/** How many DocNumbers one `IN (…)` query asks about. */
const IN_CHUNK = 50
/** QuickBooks numbers invoices in sequence, so the highest is among the newest: one page of them. */
const NEWEST_PAGE = 1000

const rows = (body: unknown, entity: string): QboEntity[] =>
  ((body as Record<string, unknown> | undefined)?.[entity] as QboEntity[] | undefined) ?? []

/**
 * The company's numbering: `SalesFormsPrefs.CustomTxnNumbers` and the highest numeric DocNumber in use. Preferences
 * that cannot be read count as custom numbers: numbers are then sent, each checked against QuickBooks first, which
 * is safe whatever the company's setting.
 */
export async function readNumbering(gateway: QboGateway): Promise<Result<CompanyNumbering, SyncFault>> {
  const customTxnNumbers = await readCustomNumbers(gateway)
  if (!customTxnNumbers.ok) return customTxnNumbers
  const newest = await gateway.query(
    `SELECT * FROM Invoice ORDERBY MetaData.CreateTime DESC STARTPOSITION 1 MAXRESULTS ${NEWEST_PAGE}`,
  )
  if (!newest.ok) return newest
  return ok({
    customTxnNumbers: customTxnNumbers.value ?? true,
    highest: highestNumber(rows(newest.value, 'Invoice').map((i) => i['DocNumber'])),
  })
}

/**
 * Whether the company numbers its invoices by hand (`CustomTxnNumbers`); undefined when QuickBooks will not say (a
 * refused read). A read that may succeed on a second try (network, 5xx, throttled) is an error: deciding without
 * the setting would send numbers while QuickBooks hands out its own, and two invoices could share one.
 */
export async function readCustomNumbers(gateway: QboGateway): Promise<Result<boolean | undefined, SyncFault>> {
  const prefs = await gateway.query('SELECT * FROM Preferences')
  if (!prefs.ok) return prefs.error.retryable ? prefs : ok(undefined)
  return ok(customTxnNumbersOf(rows(prefs.value, 'Preferences')[0]))
}

/** Which of these DocNumbers QuickBooks already has on an invoice. */
export async function takenDocNumbers(
  gateway: QboGateway,
  numbers: readonly string[],
): Promise<Result<Set<string>, SyncFault>> {
  const taken = new Set<string>()
  const unique = [...new Set(numbers)]
  for (let i = 0; i < unique.length; i += IN_CHUNK) {
    const list = unique
      .slice(i, i + IN_CHUNK)
      .map(qboString)
      .join(', ')
    const r = await gateway.query(`SELECT * FROM Invoice WHERE DocNumber IN (${list}) MAXRESULTS 1000`)
    if (!r.ok) return r
    for (const inv of rows(r.value, 'Invoice')) if (typeof inv['DocNumber'] === 'string') taken.add(inv['DocNumber'])
  }
  return ok(taken)
}

/** What the initial sync's preview says about invoice numbers, and what running it will commit. */
export interface NumberingPreview {
  numbering: CompanyNumbering
  renumbered: Renumbered[]
  /** Where the local counter goes. */
  next: number
  /** "3 invoices will be renumbered 1031–1033: …", when any is. */
  summary: string | undefined
}

/** Invoices that went nowhere yet: finalized here, not linked, and nothing in flight under their number. */
function unsentInvoices(snap: LocalSnapshot): Invoice[] {
  const mapped = new Set(snap.mappings.filter((m) => m.kind === 'invoice').map((m) => m.localId as string))
  const inFlight = new Set(
    snap.outbox.filter((r) => r.kind === 'invoice' && r.requestId !== undefined).map((r) => r.localId as string),
  )
  return snap.records.invoices.filter(
    (i) =>
      i.status !== 'draft' &&
      i.deletedAt === undefined &&
      i.number !== undefined &&
      !mapped.has(i.id) &&
      !inFlight.has(i.id),
  )
}

export async function previewNumbering(
  gateway: QboGateway,
  snap: LocalSnapshot,
  known?: CompanyNumbering,
): Promise<Result<NumberingPreview, SyncFault>> {
  let numbering = known
  if (!numbering) {
    const read = await readNumbering(gateway)
    if (!read.ok) return read
    numbering = read.value
  }
  const unsent = unsentInvoices(snap)
  const taken = await takenDocNumbers(
    gateway,
    unsent.map((i) => i.number!),
  )
  if (!taken.ok) return taken
  const plan = renumber({
    unsent: unsent.map((i) => ({ localId: i.id, number: i.number })),
    taken: taken.value,
    numbering,
    nextLocal: snap.settings.nextInvoiceNumber,
    localNumbers: new Set(snap.records.invoices.flatMap((i) => (i.number === undefined ? [] : [i.number]))),
  })
  return ok({ numbering, ...plan, summary: renumberSummary(plan.renumbered) })
}

/** Commits a preview's renumbering (each invoice with its log row) and moves the local counter past it all. */
export async function applyNumbering(store: LocalStore, preview: NumberingPreview, at: string): Promise<void> {
  if (preview.renumbered.length > 0) {
    const snap = await store.snapshot()
    const byId = new Map(snap.records.invoices.map((i) => [i.id as string, i]))
    const claimed = new Set(snap.outbox.filter((r) => r.requestId !== undefined).map((r) => r.localId as string))
    const settlements = preview.renumbered.flatMap((r) => {
      const inv = byId.get(r.localId)
      // Sent meanwhile, or its number changed by hand since the preview: left as it is (the push checks it).
      if (!inv || claimed.has(r.localId) || inv.number !== r.from) return []
      return [renumberSettlement(inv, r.to, at)]
    })
    if (settlements.length > 0) await store.settle(settlements)
  }
  await store.moveInvoiceNumberPast([String(preview.next - 1)])
}
