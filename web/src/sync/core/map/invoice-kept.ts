/**
 * The lines of a QuickBooks invoice the tablet does not show — discounts, bundles, blank text lines — kept on
 * the local invoice when it comes down and put back around the tablet's lines on every push, so a line edit
 * here never drops them there (an update's `Line` replaces the whole set).
 *
 * Order: a kept line goes back after the tablet line it followed in QuickBooks; a discount goes after all the
 * item lines (QuickBooks takes it off the subtotal of the lines above it); a bundle goes where its parts are
 * while the tablet left them as they came, and gives way to them once edited (the money then follows the
 * edit). QuickBooks' own subtotal line is never kept: it recomputes it.
 *
 * Tablet line ids follow the pull's rule: a line's QuickBooks `Id` (or its 1-based position), and a bundle's
 * parts `<bundle id>.<n>`.
 * @module
 */
import type { KeptLine } from '#shared/domain/line.ts'
import type { QboInvoice, QboInvoiceLine, QboSalesItemLine } from '#shared/qbo/index.ts'
import { toCents } from '#shared/money.ts'
import { discountCents } from '#shared/domain/totals.ts'

const isDiscount = (k: KeptLine) => k.line['DetailType'] === 'DiscountLineDetail'

/** The lines of `q` the tablet does not show, each with its place among the tablet's lines. */
export function keptLinesOf(q: Pick<QboInvoice, 'Line'>): KeptLine[] {
  const kept: KeptLine[] = []
  let after: string | undefined
  for (const [i, l] of q.Line.entries()) {
    const id = l.Id ?? String(i + 1)
    const place = after === undefined ? {} : { after }
    if (l.DetailType === 'SubTotalLineDetail') continue
    if (l.DetailType === 'SalesItemLineDetail') {
      after = id
    } else if (l.DetailType === 'DescriptionOnly') {
      if (l.Description?.trim()) after = id
      else kept.push({ ...place, line: withoutNumber(l) })
    } else if (l.DetailType === 'GroupLineDetail') {
      const parts = (l.GroupLineDetail.Line ?? []).map((_, j) => `${id}.${j + 1}`)
      kept.push({ ...place, parts, line: withoutNumber(l) })
      after = parts.at(-1) ?? after
    } else {
      kept.push({ ...place, line: withoutNumber(l) })
    }
  }
  return kept
}

function withoutNumber(l: QboInvoiceLine): Record<string, unknown> {
  const { LineNum: _n, ...rest } = l
  return rest
}

/** A tablet line as sent, with the local id it came from. */
export interface TabletLine {
  id: string
  line: QboInvoiceLine
}

/**
 * The `Line` array to send: the tablet's lines with the kept ones put back in place, numbered in order.
 * @example withKeptLines([{ id: '1', line: sales }], [{ after: '1', line: discount }]) // [sales, discount]
 */
export function withKeptLines(
  tablet: readonly TabletLine[],
  keptLines: readonly KeptLine[] | undefined,
  discount?: QboInvoiceLine,
): QboInvoiceLine[] {
  // The invoice's own discount replaces the one kept from QuickBooks (taking its line Id, so it stays that line).
  const keptDiscount = keptLines?.find(isDiscount)
  const kept = discount === undefined ? keptLines : keptLines?.filter((k) => !isDiscount(k))
  const own =
    discount === undefined
      ? []
      : [typeof keptDiscount?.line['Id'] === 'string' ? { ...discount, Id: keptDiscount.line['Id'] } : discount]
  if (!kept?.length) return numbered([...tablet.map((t) => t.line), ...own])
  const bundles = kept.filter((k) => k.parts !== undefined && bundleIntact(k, tablet))
  const partOf = new Map(bundles.flatMap((b) => (b.parts ?? []).map((p) => [p, b] as const)))
  const placed = new Set<KeptLine>(bundles)
  const out: QboInvoiceLine[] = []
  const putAfter = (id: string | undefined) => {
    for (const k of kept) {
      if (placed.has(k) || isDiscount(k) || k.parts !== undefined) continue
      if (k.after === id) {
        placed.add(k)
        out.push(k.line as QboInvoiceLine)
      }
    }
  }
  putAfter(undefined)
  for (const t of tablet) {
    const bundle = partOf.get(t.id)
    if (bundle === undefined) out.push(t.line)
    else if (bundle.parts?.[0] === t.id) out.push(bundle.line as QboInvoiceLine)
    putAfter(t.id)
  }
  // Lines whose neighbour was deleted here, then discounts: below every item line they apply to.
  for (const k of kept)
    if (!placed.has(k) && k.parts === undefined && !isDiscount(k)) out.push(k.line as QboInvoiceLine)
  for (const k of kept) if (isDiscount(k)) out.push(k.line as QboInvoiceLine)
  return numbered([...out, ...own])
}

function numbered(lines: QboInvoiceLine[]): QboInvoiceLine[] {
  return lines.map((l, i) => ({ ...l, LineNum: i + 1 }))
}

/** A bundle goes back whole only while the tablet still shows each of its parts, in order, as it came. */
function bundleIntact(k: KeptLine, tablet: readonly TabletLine[]): boolean {
  const parts = k.parts ?? []
  const group = k.line['GroupLineDetail'] as { Line?: QboSalesItemLine[] } | undefined
  const inner = group?.Line ?? []
  if (parts.length === 0 || parts.length !== inner.length) return false
  const start = tablet.findIndex((t) => t.id === parts[0])
  if (start < 0) return false
  return parts.every((p, j) => {
    const t = tablet[start + j]
    const want = inner[j]
    if (t?.id !== p || want === undefined || t.line.DetailType !== 'SalesItemLineDetail') return false
    const got = t.line.SalesItemLineDetail
    return (
      toCents(t.line.Amount) === toCents(want.Amount) &&
      got.Qty === want.SalesItemLineDetail.Qty &&
      (want.SalesItemLineDetail.UnitPrice === undefined ||
        toCents(got.UnitPrice ?? 0) === toCents(want.SalesItemLineDetail.UnitPrice)) &&
      got.ItemRef?.value === want.SalesItemLineDetail.ItemRef?.value
    )
  })
}

/**
 * What the kept discounts take off a subtotal, in cents: a percent discount as QuickBooks computes it, a fixed
 * one as it stands (the domain's rule, so the tablet's totals and the mismatch check agree).
 */
export function keptDiscountCents(kept: readonly KeptLine[] | undefined, subtotalCents: number): number {
  return discountCents({ keptLines: kept }, subtotalCents)
}
