/**
 * Compares two QuickBooks company states (the emulator's `GET /__admin/companies/{realmId}`) with their ids
 * normalised away: every record gets a natural key (a customer's DisplayName, an item's Name, an invoice's
 * DocNumber and customer, a payment's reference, customer, date and amount), references to other records are
 * rewritten to those keys, and Id, SyncToken and MetaData are dropped. What is left must be equal record by
 * record: a key held more often than in the baseline is a duplicate, less often a lost record, and a body that
 * differs a field difference. Pure, so the chaos benchmark's verdict is testable.
 * @module
 */

export type Json = Record<string, unknown>
export interface CompanyState {
  entities: Record<string, Json[] | undefined>
}

export interface EntityDiff {
  records: number
  duplicates: number
  lost: number
  /** Records present in both whose fields differ, with the first few keys for the report. */
  differing: number
  examples: string[]
}

export type CompanyDiff = Record<string, EntityDiff>

const IGNORED = new Set(['Id', 'SyncToken', 'MetaData', 'domain', 'sparse'])
/** Which entity a `…Ref` points at, where the key is not the entity's own name. */
const REF_ENTITY: Record<string, string> = { CustomerRef: 'Customer', ParentRef: 'Customer', ItemRef: 'Item' }

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v))
const refId = (v: unknown) => str((v as { value?: unknown } | undefined)?.value)

/** Natural keys of every record, by entity and Id; two passes because invoices are keyed by their customer's name. */
export function naturalKeys(state: CompanyState): Map<string, Map<string, string>> {
  const keys = new Map<string, Map<string, string>>()
  const list = (e: string) => state.entities[e] ?? []
  const put = (e: string, rows: Json[], keyOf: (r: Json) => string) =>
    keys.set(e, new Map(rows.map((r) => [str(r['Id']), keyOf(r)])))
  put('Customer', list('Customer'), (r) => str(r['DisplayName']))
  put('Item', list('Item'), (r) => str(r['Name']))
  const customer = (r: Json) => keys.get('Customer')!.get(refId(r['CustomerRef'])) ?? `?${refId(r['CustomerRef'])}`
  put('Invoice', list('Invoice'), (r) => `${str(r['DocNumber'])}|${customer(r)}|${str(r['TxnDate'])}`)
  put(
    'Payment',
    list('Payment'),
    (r) => `${str(r['PaymentRefNum'])}|${customer(r)}|${str(r['TxnDate'])}|${str(r['TotalAmt'])}`,
  )
  for (const [e, rows] of Object.entries(state.entities)) {
    if (!keys.has(e)) put(e, rows ?? [], (r) => str(r['Name'] ?? r['DisplayName'] ?? r['Id']))
  }
  return keys
}

/** A record with ids replaced by the natural keys of what they point at; stable JSON (sorted keys). */
export function normalise(record: Json, keys: Map<string, Map<string, string>>): string {
  const walk = (v: unknown, field: string): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x, field))
    if (v === null || typeof v !== 'object') return v
    const o = v as Json
    const refEntity = REF_ENTITY[field]
    if (refEntity !== undefined && 'value' in o)
      return `${refEntity}:${keys.get(refEntity)?.get(str(o['value'])) ?? `?${str(o['value'])}`}`
    if (field === 'LinkedTxn' && 'TxnId' in o) {
      const e = str(o['TxnType'])
      return `${e}:${keys.get(e)?.get(str(o['TxnId'])) ?? `?${str(o['TxnId'])}`}`
    }
    const out: Json = {}
    for (const k of Object.keys(o).sort()) if (!IGNORED.has(k)) out[k] = walk(o[k], k)
    return out
  }
  return JSON.stringify(walk(record, ''))
}

/** `actual` against `expected`, entity by entity. */
export function diffCompanies(expected: CompanyState, actual: CompanyState): CompanyDiff {
  const ek = naturalKeys(expected)
  const ak = naturalKeys(actual)
  const out: CompanyDiff = {}
  const entities = new Set([...Object.keys(expected.entities), ...Object.keys(actual.entities)])
  for (const e of [...entities].sort()) {
    const group = (state: CompanyState, keys: Map<string, Map<string, string>>) => {
      const m = new Map<string, string[]>()
      for (const r of state.entities[e] ?? []) {
        const k = keys.get(e)?.get(str(r['Id'])) ?? str(r['Id'])
        m.set(k, [...(m.get(k) ?? []), normalise(r, keys)])
      }
      return m
    }
    const want = group(expected, ek)
    const got = group(actual, ak)
    const d: EntityDiff = {
      records: (actual.entities[e] ?? []).length,
      duplicates: 0,
      lost: 0,
      differing: 0,
      examples: [],
    }
    for (const k of new Set([...want.keys(), ...got.keys()])) {
      const w = want.get(k) ?? []
      const g = got.get(k) ?? []
      if (g.length > w.length) {
        d.duplicates += g.length - w.length
        d.examples.push(`duplicate ${k}`)
      }
      if (w.length > g.length) {
        d.lost += w.length - g.length
        d.examples.push(`lost ${k}`)
      }
      const unmatched = [...g]
      let differing = 0
      for (const body of w) {
        const i = unmatched.indexOf(body)
        if (i >= 0) unmatched.splice(i, 1)
        else differing++
      }
      // Only records present on both sides count as differing; the rest are already duplicates or losses.
      const diffs = Math.min(differing, unmatched.length)
      if (diffs > 0) {
        d.differing += diffs
        d.examples.push(`differs ${k}`)
      }
    }
    d.examples = d.examples.slice(0, 5)
    out[e] = d
  }
  return out
}

export function totals(diff: CompanyDiff): { duplicates: number; lost: number; differing: number } {
  const all = Object.values(diff)
  return {
    duplicates: all.reduce((n, d) => n + d.duplicates, 0),
    lost: all.reduce((n, d) => n + d.lost, 0),
    differing: all.reduce((n, d) => n + d.differing, 0),
  }
}
