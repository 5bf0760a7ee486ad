/**
 * Invoice numbers that fit the company: what QuickBooks' numbering says (`SalesFormsPrefs.CustomTxnNumbers`, the
 * highest DocNumber in use), which unsent local invoices must be renumbered, and the next free number. Numbers the
 * app hands out are plain integers; DocNumbers that are not ("A-12", "2024/7") never collide with them.
 * @module
 */

/** How a company numbers its invoices, as read at connect, at the initial sync and before sending. */
export interface CompanyNumbering {
  /** `false`: QuickBooks numbers invoices itself: none is sent, and QuickBooks' number is shown once synced. */
  customTxnNumbers: boolean
  /** The highest numeric DocNumber in use, if any. */
  highest: number | undefined
}

/** A settings counter holds the number as an integer: longer DocNumbers are not numbers the app could follow. */
const NUMERIC = /^\d{1,15}$/

/** The DocNumber as a number the app's sequence can follow, or `undefined` ("A-12", "", too long). */
export function numericDocNumber(docNumber: unknown): number | undefined {
  if (typeof docNumber !== 'string' || !NUMERIC.test(docNumber.trim())) return undefined
  return Number(docNumber.trim())
}

export function highestNumber(docNumbers: Iterable<unknown>): number | undefined {
  let top: number | undefined
  for (const d of docNumbers) {
    const n = numericDocNumber(d)
    if (n !== undefined && (top === undefined || n > top)) top = n
  }
  return top
}

/** Preferences as QuickBooks answers them: custom numbers unless it says otherwise (sending one is then safe). */
export function customTxnNumbersOf(preferences: unknown): boolean {
  const prefs = preferences as { SalesFormsPrefs?: { CustomTxnNumbers?: unknown } } | undefined
  return prefs?.SalesFormsPrefs?.CustomTxnNumbers !== false
}

/** The first number from `from` on that is neither taken in QuickBooks nor used here. */
export function nextFreeNumber(from: number, used: (n: string) => boolean): number {
  let n = from
  while (used(String(n))) n++
  return n
}

export interface Unsent {
  localId: string
  number: string | undefined
}

export interface Renumbered {
  localId: string
  from: string
  to: string
}

export interface RenumberInput {
  /** Invoices not yet in QuickBooks and not in flight (nothing was sent for them under their number). */
  unsent: readonly Unsent[]
  /** DocNumbers QuickBooks already has, among the unsent ones' numbers. */
  taken: ReadonlySet<string>
  numbering: CompanyNumbering
  /** The local counter: the number the next finalized invoice would get. */
  nextLocal: number
  /** Every number in use on this device (sent or not), so a new number never repeats one here. */
  localNumbers: ReadonlySet<string>
}

export interface RenumberPlan {
  renumbered: Renumbered[]
  /** Where the local counter goes: past the company's highest and every number given out here. */
  next: number
}

/**
 * Unsent invoices whose numbers QuickBooks already has get the next free numbers after the company's highest, in
 * the order of their old numbers; the counter continues after them. When QuickBooks numbers the company's invoices
 * none is renumbered: no number is sent, and each shows QuickBooks' own once synced.
 * @example
 * renumber({ unsent: [{ localId: 'a', number: '1001' }], taken: new Set(['1001']),
 *   numbering: { customTxnNumbers: true, highest: 1030 }, nextLocal: 1002, localNumbers: new Set(['1001']) })
 * // → { renumbered: [{ localId: 'a', from: '1001', to: '1031' }], next: 1032 }
 */
export function renumber(input: RenumberInput): RenumberPlan {
  const past = Math.max(input.nextLocal, (input.numbering.highest ?? 0) + 1)
  const clashing = (input.numbering.customTxnNumbers ? input.unsent : [])
    .filter((u): u is Unsent & { number: string } => u.number !== undefined && input.taken.has(u.number))
    .sort((a, b) => byNumber(a.number, b.number) || (a.localId < b.localId ? -1 : 1))
  const given = new Set<string>()
  const used = (n: string) => input.taken.has(n) || input.localNumbers.has(n) || given.has(n)
  let from = past
  const renumbered: Renumbered[] = []
  for (const u of clashing) {
    const to = nextFreeNumber(from, used)
    given.add(String(to))
    renumbered.push({ localId: u.localId, from: u.number, to: String(to) })
    from = to + 1
  }
  return { renumbered, next: from }
}

function byNumber(a: string, b: string): number {
  const x = numericDocNumber(a)
  const y = numericDocNumber(b)
  if (x !== undefined && y !== undefined) return x - y
  return a < b ? -1 : a > b ? 1 : 0
}

/** What the preview says: "3 invoices will be renumbered 1031–1033". */
export function renumberSummary(renumbered: readonly Renumbered[]): string | undefined {
  if (renumbered.length === 0) return undefined
  const nums = renumbered.map((r) => r.to)
  const span = nums.length === 1 ? nums[0]! : `${nums[0]}–${nums[nums.length - 1]}`
  const contiguous = nums.every((n, i) => i === 0 || Number(n) === Number(nums[i - 1]) + 1)
  const range = contiguous ? span : nums.join(', ')
  return renumbered.length === 1
    ? `1 invoice will be renumbered ${range}: QuickBooks already has its number.`
    : `${renumbered.length} invoices will be renumbered ${range}: QuickBooks already has their numbers.`
}
