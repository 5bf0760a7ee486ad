/**
 * How the runner finds a record QuickBooks may already hold (a create whose answer was lost and whose
 * requestid Intuit may have forgotten). It looks for what was sent, not for the record as edited since: a
 * customer by DisplayName, an item by Name, an invoice or a payment by customer and date and then the app's key in
 * its PrivateNote (which QuickBooks cannot query); an invoice sent before creates carried the key, by DocNumber.
 * @module
 */
import type { SyncKind } from '#shared/domain/index.ts'
import { hasInvoiceKey } from './map/invoice-key.ts'
import { hasPaymentKey } from './map/payment.ts'
import type { QboEntityName } from './map/request.ts'
import type { QboEntity } from './settle/types.ts'

/** Rows per lookup query: QuickBooks' largest page. A full page without a hit proves nothing. */
export const LOOKUP_PAGE = 1000

export interface Lookup {
  entity: QboEntityName
  /** The field the log names as the match ("same DocNumber"). */
  via: string
  statement: string
  /** Whether a row the query found is this record. */
  isOurs(e: QboEntity): boolean
}

const refOf = (v: unknown): string | undefined => (v as { value?: unknown } | undefined)?.value as string | undefined
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)

const select = (entity: QboEntityName, where: [string, string][]) => {
  const conditions = where.map(([f, v]) => `${f} = ${qboString(v)}`).join(' AND ')
  return `SELECT * FROM ${entity} WHERE ${conditions} MAXRESULTS ${LOOKUP_PAGE}`
}

/**
 * The lookup for a create that sent `body`, or undefined when nothing in it identifies the record (an invoice
 * without the app's key or a number; a payment without the key, sent before creates carried one).
 */
export function lookupOf(kind: SyncKind, localId: string, body: QboEntity): Lookup | undefined {
  const byName = (entity: QboEntityName, field: string): Lookup | undefined => {
    const name = text(body[field])
    if (name === undefined) return undefined
    if (!TYPOGRAPHIC_QUOTES.test(name))
      return { entity, via: field, statement: select(entity, [[field, name]]), isOurs: () => true }
    // QuickBooks refuses ’ ‘ “ ” anywhere in a query (a 4000 lexical error, docs/quickbooks.md §5) though names may
    // hold them, as tablet keyboards type them: match with % in their place, then keep only the exact name.
    const pattern = qboString(name.replace(TYPOGRAPHIC_QUOTES_ALL, '%'))
    return {
      entity,
      via: field,
      statement: `SELECT * FROM ${entity} WHERE ${field} LIKE ${pattern} MAXRESULTS ${LOOKUP_PAGE}`,
      isOurs: (e) => e[field] === name,
    }
  }
  switch (kind) {
    case 'contact':
    case 'job':
      return byName('Customer', 'DisplayName')
    case 'item':
      return byName('Item', 'Name')
    case 'invoice': {
      const customer = refOf(body['CustomerRef'])
      if (customer === undefined) return undefined
      if (hasInvoiceKey(body['PrivateNote'], localId)) {
        // QuickBooks dates an invoice sent without TxnDate itself: then its customer's invoices are searched.
        const date = text(body['TxnDate'])
        return {
          entity: 'Invoice',
          via: 'invoice key',
          statement: select('Invoice', [
            ['CustomerRef', customer],
            ...(date ? [['TxnDate', date] as [string, string]] : []),
          ]),
          isOurs: (e) => refOf(e['CustomerRef']) === customer && hasInvoiceKey(e['PrivateNote'], localId),
        }
      }
      // Invoice numbers are not unique in QuickBooks: only an invoice for the customer it was sent for is ours.
      const doc = text(body['DocNumber'])
      if (doc === undefined) return undefined
      return {
        entity: 'Invoice',
        via: 'DocNumber',
        statement: select('Invoice', [['DocNumber', doc]]),
        isOurs: (e) => refOf(e['CustomerRef']) === customer,
      }
    }
    case 'payment': {
      const customer = refOf(body['CustomerRef'])
      const date = text(body['TxnDate'])
      if (customer === undefined || date === undefined || !hasPaymentKey(body['PrivateNote'], localId)) return undefined
      return {
        entity: 'Payment',
        via: 'payment key',
        statement: select('Payment', [
          ['CustomerRef', customer],
          ['TxnDate', date],
        ]),
        isOurs: (e) => refOf(e['CustomerRef']) === customer && hasPaymentKey(e['PrivateNote'], localId),
      }
    }
  }
}

const TYPOGRAPHIC_QUOTES = /[\u2018\u2019\u201C\u201D]/
const TYPOGRAPHIC_QUOTES_ALL = /[\u2018\u2019\u201C\u201D]/g

/** A QuickBooks query string literal: backslash-escaped quotes (docs/quickbooks.md §5). */
export function qboString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}
