/**
 * How the runner finds a record QuickBooks may already hold (a create whose answer was lost and whose
 * requestid Intuit may have forgotten): by the name or number QuickBooks keeps unique enough to search.
 * @module
 */
import type { Contact, Invoice, Item, Job, SyncKind } from '../../../shared/domain/index.ts'
import type { LocalRecord, QboEntityName } from './core/index.ts'

export interface Lookup { entity: QboEntityName; field: 'DisplayName' | 'Name' | 'DocNumber'; value: string }

/** The name QuickBooks knows the record by, for looking it up before creating it again. */
export function lookupOf(kind: SyncKind, record: LocalRecord): Lookup | undefined {
  if (kind === 'contact') return { entity: 'Customer', field: 'DisplayName', value: (record as Contact).displayName }
  if (kind === 'job') return { entity: 'Customer', field: 'DisplayName', value: (record as Job).name }
  if (kind === 'item') return { entity: 'Item', field: 'Name', value: (record as Item).name }
  if (kind === 'invoice') {
    const n = (record as Invoice).number
    return n === undefined ? undefined : { entity: 'Invoice', field: 'DocNumber', value: n }
  }
  return undefined
}

/** A QuickBooks query string literal: backslash-escaped quotes (qbo-api.md §5). */
export function qboString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}
