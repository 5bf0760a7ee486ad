/**
 * Fieldsync records → the QuickBooks bodies the runner sends, and QuickBooks Customers and Items → local records
 * for "create here". Pure; the runner passes in what a body references (QuickBooks ids of the customer, items,
 * invoices, accounts). Money goes from integer cents to QuickBooks' decimal dollars only here.
 * @module
 */
import type { Contact, Invoice, Item, Job, Payment, SyncKind } from '../../../shared/domain/index.ts'
import { invoiceToQbo, resolverFrom } from './core/index.ts'
import type { QboEntity, QboEntityName } from './ports.ts'

export const entityOf: Record<SyncKind, QboEntityName> = {
  contact: 'Customer', job: 'Customer', item: 'Item', invoice: 'Invoice', payment: 'Payment',
}

/** QuickBooks ids a body needs, looked up by (kind, localId); `undefined` when not in QuickBooks yet. */
export interface PayloadContext {
  qboIdOf(kind: SyncKind, localId: string): string | undefined
  incomeAccountId?: string | undefined
  expenseAccountId?: string | undefined
  depositAccountId?: string | undefined
}

export type LocalRecord = Contact | Item | Invoice | Payment | Job

const dollars = (cents: number) => Math.round(cents) / 100
const ref = (value: string | undefined) => (value === undefined ? undefined : { value })

function drop<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k]
  return o
}

export function contactToCustomer(c: Contact): QboEntity {
  const a = c.billingAddress
  return drop({
    DisplayName: c.displayName,
    GivenName: c.givenName,
    FamilyName: c.familyName,
    CompanyName: c.companyName,
    PrimaryEmailAddr: c.email ? { Address: c.email } : undefined,
    PrimaryPhone: c.phone ? { FreeFormNumber: c.phone } : undefined,
    BillAddr: a ? drop({ Line1: a.line1, Line2: a.line2, City: a.city, CountrySubDivisionCode: a.region, PostalCode: a.postalCode, Country: a.country }) : undefined,
    Notes: c.notes,
    Active: c.active && c.deletedAt === undefined,
  })
}

export function jobToCustomer(j: Job, ctx: PayloadContext): QboEntity {
  return drop({ DisplayName: j.name, Job: true, BillWithParent: true, ParentRef: ref(ctx.qboIdOf('contact', j.contactId)), Active: j.deletedAt === undefined })
}

export function itemToItem(i: Item, ctx: PayloadContext): QboEntity {
  return drop({
    Name: i.name,
    Type: i.type === 'product' ? 'NonInventory' : 'Service',
    Description: i.description,
    UnitPrice: dollars(i.unitPrice),
    Sku: i.sku,
    Taxable: i.taxable,
    IncomeAccountRef: ref(ctx.incomeAccountId),
    Active: i.active && i.deletedAt === undefined,
  })
}

/** Invoices go through the core's mapper (tax detail, line rules, limits); a record it refuses throws `MapRefusal`. */
export function invoiceToInvoice(inv: Invoice, ctx: PayloadContext): QboEntity {
  const viaJob = inv.jobId !== undefined && ctx.qboIdOf('job', inv.jobId) !== undefined
  const customer = viaJob ? { kind: 'job' as const, localId: inv.jobId! } : { kind: 'contact' as const, localId: inv.contactId }
  const r = invoiceToQbo(inv, { ref: resolverFrom((ref) => ctx.qboIdOf(ref.kind, ref.localId)), customer })
  if (!r.ok) throw new MapRefusal(r.error.field, r.error.message)
  return drop({ ...(r.value.value as QboEntity), PrivateNote: inv.memo })
}

/** A record the mapper cannot turn into a valid QuickBooks body; the runner turns it into a red row. */
export class MapRefusal extends Error {
  readonly field: string
  constructor(field: string, message: string) {
    super(message)
    this.field = field
  }
}

export function paymentToPayment(p: Payment, ctx: PayloadContext): QboEntity {
  return drop({
    CustomerRef: ref(ctx.qboIdOf('contact', p.contactId)),
    TotalAmt: dollars(p.amount),
    TxnDate: p.date,
    PaymentRefNum: p.reference,
    PrivateNote: p.memo,
    DepositToAccountRef: ref(ctx.depositAccountId),
    Line: p.applications.map((a) => ({
      Amount: dollars(a.amount),
      LinkedTxn: [{ TxnId: ctx.qboIdOf('invoice', a.invoiceId) ?? '', TxnType: 'Invoice' }],
    })),
  })
}

/** The body for a create or a full update of `record`. */
export function toQbo(kind: SyncKind, record: LocalRecord, ctx: PayloadContext): QboEntity {
  switch (kind) {
    case 'contact': return contactToCustomer(record as Contact)
    case 'job': return jobToCustomer(record as Job, ctx)
    case 'item': return itemToItem(record as Item, ctx)
    case 'invoice': return invoiceToInvoice(record as Invoice, ctx)
    case 'payment': return paymentToPayment(record as Payment, ctx)
  }
}

/** The name QuickBooks knows the record by, for looking it up before creating it again. */
export function lookupOf(kind: SyncKind, record: LocalRecord): { entity: QboEntityName; field: 'DisplayName' | 'Name' | 'DocNumber'; value: string } | undefined {
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

type Str = string | undefined
const s = (v: unknown): Str => (typeof v === 'string' && v.trim() !== '' ? v : undefined)

/** A QuickBooks Customer as a new local contact's fields (id, version and stamps are the caller's). */
export function customerToContactFields(c: QboEntity): Omit<Contact, 'id' | 'version' | 'updatedAt'> {
  const email = s((c['PrimaryEmailAddr'] as { Address?: unknown } | undefined)?.Address)
  const phone = s((c['PrimaryPhone'] as { FreeFormNumber?: unknown } | undefined)?.FreeFormNumber)
  const displayName = s(c['DisplayName']) ?? ([s(c['GivenName']), s(c['FamilyName'])].filter(Boolean).join(' ') || 'QuickBooks customer')
  return drop({
    displayName,
    givenName: s(c['GivenName']),
    familyName: s(c['FamilyName']),
    companyName: s(c['CompanyName']),
    email,
    phone,
    notes: s(c['Notes']),
    active: c['Active'] !== false,
  }) as Omit<Contact, 'id' | 'version' | 'updatedAt'>
}

export function itemToItemFields(i: QboEntity): Omit<Item, 'id' | 'version' | 'updatedAt'> {
  const price = typeof i['UnitPrice'] === 'number' ? Math.round(i['UnitPrice'] * 100) : 0
  return drop({
    name: s(i['Name']) ?? 'QuickBooks item',
    description: s(i['Description']),
    type: i['Type'] === 'Service' ? 'service' : 'product',
    unitPrice: Math.max(0, price),
    sku: s(i['Sku']),
    taxable: i['Taxable'] === true,
    active: i['Active'] !== false,
  }) as Omit<Item, 'id' | 'version' | 'updatedAt'>
}
