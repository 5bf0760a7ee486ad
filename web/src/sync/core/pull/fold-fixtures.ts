/**
 * A small company for the fold's tests: Ann (customer 58) linked here with invoice 1001 (130) and item Labor
 * (5); QuickBooks objects built the way its answers carry them.
 * @module
 */
import type { Contact, Invoice, Item, Mapping, Payment } from '#shared/domain/index.ts'
import type { QboCdcQueryResponse } from '#shared/qbo/index.ts'
import { LocalId } from '#shared/ids.ts'
import { foldPull } from './fold.ts'
import type { PullBase } from './state.ts'

/** The `n`-th id, a real UUID as `LocalId` wants (the core's fixtures may not import the test helpers). */
export const testLocalId = (n: number) => LocalId.parse(`00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`)

export const AT = '2026-03-01T10:00:00.000Z'
export const ANN = testLocalId(1)
export const INV = testLocalId(2)
export const LABOR = testLocalId(3)
export const BO = testLocalId(4)

export const ann: Contact = {
  id: ANN,
  version: 1,
  updatedAt: '2026-02-01T00:00:00.000Z',
  displayName: 'Ann Lee',
  active: true,
}
export const bo: Contact = {
  id: BO,
  version: 1,
  updatedAt: '2026-02-01T00:00:00.000Z',
  displayName: 'Bo Diaz',
  active: true,
}
export const labor: Item = {
  id: LABOR,
  version: 1,
  updatedAt: '2026-02-01T00:00:00.000Z',
  name: 'Labor',
  type: 'service',
  unitPrice: 9500,
  taxable: false,
  active: true,
}
export const inv: Invoice = {
  id: INV,
  version: 2,
  updatedAt: '2026-02-01T00:00:00.000Z',
  number: '1001',
  contactId: ANN,
  status: 'finalized',
  issueDate: '2026-02-01',
  dueDate: '2026-03-01',
  lines: [{ id: 'l1', itemId: LABOR, name: 'Labor', qty: 1000, unitPrice: 10_000, amount: 10_000, taxable: false }],
  taxRateBps: 0,
  subtotal: 10_000,
  tax: 0,
  total: 10_000,
  balance: 10_000,
}

export const mapping = (kind: Mapping['kind'], localId: string, qboId: string, syncToken = '1'): Mapping =>
  ({
    kind,
    localId,
    qboId,
    syncToken,
    realmId: '9341',
    snapshot: {},
    syncedVersion: 1,
    status: 'synced',
    updatedAt: AT,
  }) as Mapping

export function baseWith(over: Partial<PullBase['records']> = {}, extra: Partial<PullBase> = {}): PullBase {
  return {
    records: { contacts: [ann, bo], items: [labor], invoices: [inv], payments: [], jobs: [], ...over },
    mappings: [
      mapping('contact', ANN, '58'),
      mapping('contact', BO, '59'),
      mapping('item', LABOR, '5'),
      mapping('invoice', INV, '130'),
      ...(extra.mappings ?? []),
    ],
    outbox: extra.outbox ?? [],
  }
}

let n = 100
export const fold = (base: PullBase, page: Record<string, unknown[]>) =>
  foldPull(base, [page as QboCdcQueryResponse], { at: AT, realmId: '9341', newId: () => testLocalId(n++) })

export const qboInvoice = (over: Record<string, unknown> = {}) => ({
  Id: '130',
  SyncToken: '2',
  CustomerRef: { value: '58' },
  DocNumber: '1001',
  TxnDate: '2026-02-01',
  DueDate: '2026-03-01',
  TotalAmt: 100,
  Balance: 100,
  Line: [
    {
      Id: '1',
      DetailType: 'SalesItemLineDetail',
      Amount: 100,
      SalesItemLineDetail: { ItemRef: { value: '5' }, Qty: 1, UnitPrice: 100 },
    },
    { DetailType: 'SubTotalLineDetail', Amount: 100, SubTotalLineDetail: {} },
  ],
  ...over,
})

export const qboPayment = (over: Record<string, unknown> = {}) => ({
  Id: '300',
  SyncToken: '0',
  CustomerRef: { value: '58' },
  TxnDate: '2026-02-20',
  TotalAmt: 40,
  Line: [{ Amount: 40, LinkedTxn: [{ TxnId: '130', TxnType: 'Invoice' }] }],
  ...over,
})

export const records = <T>(out: ReturnType<typeof fold>, kind: string) =>
  out.settlements.flatMap((s) => (s.records ?? []).filter((r) => r.kind === kind).map((r) => r.record as T))

export type { Payment }
