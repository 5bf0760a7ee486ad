/**
 * @module
 * A bookkeeper working in QuickBooks while the app runs, for Playwright journeys and engine tests: typed calls
 * over the emulator's admin API (`/__admin`, bookkeeper-routes.ts and admin-routes.ts). Every change goes
 * through Intuit's rules and raises the webhook notice QuickBooks would. Failures are values
 * (`{kind, message, fault?}`); `must()` turns one into a thrown error for a spec that expects success.
 *
 * @example
 * import { bookkeeperClient, must } from '#emulator/src/admin/bookkeeper-client.ts'
 * const qb = bookkeeperClient({ realmId })
 * const inv = must(await qb.createInvoice({ customerId: '7', lines: [{ newItem: { Name: 'Gutter guard' }, qty: 2, unitPrice: 45 }] }))
 * must(await qb.recordPayment({ customerId: '7', applyTo: [{ invoiceId: inv.Id, amount: inv.Balance }] }))
 */
import { z } from 'zod'
import { err, ok, type Result } from '../result.ts'
import type { Seed } from '../config.ts'

/** The parts of a QuickBooks record the client reads; the rest of the wire JSON comes along untouched. */
const RecordSchema = z.looseObject({ Id: z.string(), SyncToken: z.string() })
const InvoiceSchema = RecordSchema.extend({
  DocNumber: z.string().optional(),
  TotalAmt: z.number(),
  Balance: z.number(),
  CustomerRef: z.object({ value: z.string() }).loose(),
})
const PaymentSchema = RecordSchema.extend({ TotalAmt: z.number(), UnappliedAmt: z.number().optional() })
const CompanySchema = z.looseObject({
  preferences: z.record(z.string(), z.unknown()),
  entities: z.record(z.string(), z.array(z.looseObject({ Id: z.string() }))),
})
export type QboRecord = z.infer<typeof RecordSchema>
export type QboInvoice = z.infer<typeof InvoiceSchema>
export type QboPayment = z.infer<typeof PaymentSchema>
export type CompanyState = z.infer<typeof CompanySchema>

export interface BookkeeperError {
  kind: 'rejected' | 'not_found' | 'bad_request' | 'unreachable' | 'unexpected'
  message: string
  /** Intuit's fault as the company module answered it (`errors[0].code` is "6140", "610"…), for `rejected`. */
  fault?: { errors: { code: string; message: string; detail: string; element: string }[] }
}
export type Outcome<T> = Result<T, BookkeeperError>

/** An invoice line: an existing item, or one the bookkeeper makes on the spot (a Service item at `unitPrice`). */
export type InvoiceLine = ({ itemId: string } | { newItem: { Name: string; Type?: 'Service' | 'NonInventory' } }) & {
  qty: number
  unitPrice: number
  description?: string
}

export interface Bookkeeper {
  readonly realmId: string
  /** The whole company as the emulator holds it. */
  company(): Promise<Outcome<CompanyState>>
  /** An invoice entered in QuickBooks; the form numbers it when `docNumber` is left out. New items are made first. */
  createInvoice(input: {
    customerId: string
    lines: InvoiceLine[]
    docNumber?: string
    txnDate?: string
  }): Promise<Outcome<QboInvoice>>
  /** A service item (price book entry), as `Name` at `unitPrice`. */
  createItem(input: { Name: string; unitPrice: number; Type?: 'Service' | 'NonInventory' }): Promise<Outcome<QboRecord>>
  /** A payment received, applied to invoices through LinkedTxn; `amount` defaults to the sum applied. */
  recordPayment(input: {
    customerId: string
    applyTo: { invoiceId: string; amount: number }[]
    amount?: number
    txnDate?: string
    refNum?: string
  }): Promise<Outcome<QboPayment>>
  /** A payment changed: a new amount and/or new applications (they replace the old ones, as in QuickBooks). */
  editPayment(
    paymentId: string,
    change: { amount?: number; applyTo?: { invoiceId: string; amount: number }[] },
  ): Promise<Outcome<QboPayment>>
  /** Any sparse change to a record (`entity` as in the API: "customer", "invoice"…). */
  edit(entity: string, id: string, patch: Record<string, unknown>): Promise<Outcome<QboRecord>>
  deletePayment(paymentId: string): Promise<Outcome<QboRecord>>
  voidPayment(paymentId: string): Promise<Outcome<QboPayment>>
  /** Deletes an invoice; payments on it are unapplied first, as the QuickBooks UI does. */
  deleteInvoice(invoiceId: string): Promise<Outcome<QboRecord>>
  voidInvoice(invoiceId: string): Promise<Outcome<QboInvoice>>
  makeCustomerInactive(customerId: string): Promise<Outcome<QboRecord>>
  /** Merges `fromId` into `intoId`; the survivor. */
  merge(entity: 'customer' | 'item', fromId: string, intoId: string): Promise<Outcome<QboRecord>>
  /** Payments into a bank deposit (`held`) or out of it; held payments refuse changes (6540). */
  deposit(paymentIds: string[], held?: boolean): Promise<Outcome<string[]>>
  /** How the company numbers invoices; the new Preferences. */
  setNumbering(change: { customTxnNumbers?: boolean; warnDuplicateDocNumber?: boolean }): Promise<Outcome<unknown>>
}

export interface BookkeeperClientOptions {
  realmId: string
  /** The emulator, e.g. `http://127.0.0.1:9401`; default: loopback at FIELDSYNC_EMULATOR_PORT (9401, Playwright's). */
  origin?: string
  fetch?: typeof fetch
}

export function emulatorOrigin(): string {
  return `http://127.0.0.1:${process.env.FIELDSYNC_EMULATOR_PORT ?? '9401'}`
}

/** Every company back to the emulator's start seed, or to the companies of `seed` ("history", "small"…). */
export async function resetCompanies(
  seed?: Seed,
  origin = emulatorOrigin(),
  doFetch: typeof fetch = fetch,
): Promise<Outcome<{ realmId: string; companyName: string }[]>> {
  const r = await call(doFetch, `${origin}/__admin/companies/reset`, 'POST', seed === undefined ? {} : { seed })
  return r.ok ? ok(r.value as { realmId: string; companyName: string }[]) : r
}

/** The value of a successful outcome; a failed one throws with its message (for specs that expect success). */
export function must<T>(r: Outcome<T>): T {
  if (r.ok) return r.value
  throw new Error(`bookkeeper: ${r.error.kind}: ${r.error.message}`)
}

export function bookkeeperClient(opts: BookkeeperClientOptions): Bookkeeper {
  const doFetch = opts.fetch ?? fetch
  const base = `${opts.origin ?? emulatorOrigin()}/__admin/companies/${opts.realmId}`
  const send = <S extends z.ZodType>(schema: S, path: string, method: string, body?: unknown) =>
    call(doFetch, `${base}${path}`, method, body).then((r) => (r.ok ? parse(schema, r.value) : r))
  const links = (applyTo: { invoiceId: string; amount: number }[]) =>
    applyTo.map((a) => ({ Amount: a.amount, LinkedTxn: [{ TxnId: a.invoiceId, TxnType: 'Invoice' }] }))

  const client: Bookkeeper = {
    realmId: opts.realmId,
    company: () => send(CompanySchema, '', 'GET'),
    createItem: (input) => send(RecordSchema, '/bookkeeper/item', 'POST', serviceItem(input)),
    async createInvoice(input) {
      const Line = []
      for (const line of input.lines) {
        let itemId: string
        if ('itemId' in line) itemId = line.itemId
        else {
          const item = await client.createItem({ ...line.newItem, unitPrice: line.unitPrice })
          if (!item.ok) return item
          itemId = item.value.Id
        }
        Line.push({
          DetailType: 'SalesItemLineDetail',
          Amount: Math.round(line.qty * line.unitPrice * 100) / 100,
          ...(line.description === undefined ? {} : { Description: line.description }),
          SalesItemLineDetail: { ItemRef: { value: itemId }, Qty: line.qty, UnitPrice: line.unitPrice },
        })
      }
      return send(InvoiceSchema, '/bookkeeper/invoice', 'POST', {
        CustomerRef: { value: input.customerId },
        Line,
        ...(input.docNumber === undefined ? {} : { DocNumber: input.docNumber }),
        ...(input.txnDate === undefined ? {} : { TxnDate: input.txnDate }),
      })
    },
    recordPayment: (input) =>
      send(PaymentSchema, '/bookkeeper/payment', 'POST', {
        CustomerRef: { value: input.customerId },
        TotalAmt: input.amount ?? Math.round(input.applyTo.reduce((s, a) => s + a.amount, 0) * 100) / 100,
        Line: links(input.applyTo),
        ...(input.txnDate === undefined ? {} : { TxnDate: input.txnDate }),
        ...(input.refNum === undefined ? {} : { PaymentRefNum: input.refNum }),
      }),
    editPayment: (id, change) =>
      send(PaymentSchema, `/payment/${id}`, 'PATCH', {
        ...(change.amount === undefined ? {} : { TotalAmt: change.amount }),
        ...(change.applyTo === undefined ? {} : { Line: links(change.applyTo) }),
      }),
    edit: (entity, id, patch) => send(RecordSchema, `/${entity}/${id}`, 'PATCH', patch),
    // A deleted transaction answers Intuit's stub ({Id, status: "Deleted"}), which carries no SyncToken.
    deletePayment: (id) => send(Deleted, `/payment/${id}`, 'DELETE').then(asRecord),
    voidPayment: (id) => send(PaymentSchema, `/bookkeeper/payment/${id}/void`, 'POST'),
    deleteInvoice: (id) => send(Deleted, `/invoice/${id}`, 'DELETE').then(asRecord),
    voidInvoice: (id) => send(InvoiceSchema, `/bookkeeper/invoice/${id}/void`, 'POST'),
    makeCustomerInactive: (id) => send(RecordSchema, `/customer/${id}`, 'PATCH', { Active: false }),
    merge: (entity, fromId, intoId) => send(RecordSchema, `/bookkeeper/${entity}/merge`, 'POST', { fromId, intoId }),
    deposit: (paymentIds, held = true) =>
      send(z.array(z.string()), '/bookkeeper/deposit', 'POST', { paymentIds, held }),
    setNumbering: (change) => send(z.unknown(), '/numbering', 'PUT', change),
  }
  return client
}

const Deleted = RecordSchema.partial({ SyncToken: true })
const asRecord = (r: Outcome<{ Id: string; SyncToken?: string | undefined }>): Outcome<QboRecord> =>
  r.ok ? ok({ ...r.value, SyncToken: r.value.SyncToken ?? '' }) : r

/** The income account is left to the QuickBooks form's default (bookkeeper.ts). */
function serviceItem(input: { Name: string; unitPrice: number; Type?: 'Service' | 'NonInventory' }) {
  return { Name: input.Name, Type: input.Type ?? 'Service', UnitPrice: input.unitPrice }
}

function parse<S extends z.ZodType>(schema: S, value: unknown): Outcome<z.infer<S>> {
  const r = schema.safeParse(value)
  return r.success ? ok(r.data) : err({ kind: 'unexpected', message: z.prettifyError(r.error) })
}

const AdminErrorSchema = z.object({
  error: z.object({ kind: z.enum(['rejected', 'not_found', 'bad_request']), message: z.string() }),
  fault: z
    .object({
      errors: z.array(z.object({ code: z.string(), message: z.string(), detail: z.string(), element: z.string() })),
    })
    .optional(),
})

async function call(doFetch: typeof fetch, url: string, method: string, body?: unknown): Promise<Outcome<unknown>> {
  let res: Response
  try {
    res = await doFetch(url, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
    })
  } catch (e) {
    return err({ kind: 'unreachable', message: `The emulator at ${url} did not answer: ${String(e)}` })
  }
  const json: unknown = await res.json().catch(() => undefined)
  if (res.ok) return ok(json)
  const failure = AdminErrorSchema.safeParse(json)
  if (!failure.success) return err({ kind: 'unexpected', message: `HTTP ${res.status} from ${url}` })
  const { error, fault } = failure.data
  return err({ kind: error.kind, message: error.message, ...(fault ? { fault } : {}) })
}
