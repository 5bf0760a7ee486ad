/**
 * @module
 * What the platform half (auth, limits, admin, webhooks) needs from the companies' data, written as
 * the subset of `Companies` from `./company/index.ts` it uses, so the two halves meet at one interface.
 */
import type { Hono } from 'hono'
import type { ApiBehaviour, Seed, SubscriptionStatus } from './config.ts'

/** How a company numbers invoices: QuickBooks' `CustomTxnNumbers`, and whether a duplicate number is refused (6140). */
export interface NumberingChange {
  customTxnNumbers?: boolean
  warnDuplicateDocNumber?: boolean
}

export type ChangeOperation = 'Create' | 'Update' | 'Delete' | 'Void' | 'Merge'

export interface CompanyChange {
  realmId: string
  entity: string
  /** For a Merge, the survivor. */
  id: string
  operation: ChangeOperation
  /** Merge: the record merged away. */
  deletedId?: string
  lastUpdated: string
}

export interface CompaniesPort {
  list(): { realmId: string; companyName: string }[]
  get(realmId: string): unknown
  // The sub-app's env is the company module's own business.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  accountingRoutes(): Hono<any, any, any>
  snapshot(realmId: string): unknown
  seed(realmId: string, data: unknown): unknown
  bookkeeperEdit(realmId: string, entity: string, id: string, patch: Record<string, unknown>): unknown
  bookkeeperDelete(realmId: string, entity: string, id: string): unknown
  bookkeeperCreate(realmId: string, entity: string, body: Record<string, unknown>): unknown
  bookkeeperVoid(realmId: string, entity: string, id: string): unknown
  bookkeeperDeposit(realmId: string, paymentIds: string[], held?: boolean): unknown
  /** Merges `fromId` into `intoId` (customers or items) as QuickBooks does; the survivor. */
  bookkeeperMerge(realmId: string, entity: string, fromId: string, intoId: string): unknown
  /** The company's Preferences after the change; undefined for an unknown company. */
  setNumbering(realmId: string, change: NumberingChange): unknown
  onChange(listener: (e: CompanyChange) => void): unknown
  /** Every company back to the start seed, or to the companies of `seed` (test isolation). */
  reset(seed?: Seed): void
  behaviour(): ApiBehaviour
  setBehaviour(next: ApiBehaviour): void
  /** How many requestids were forgotten; undefined for an unknown company. */
  forgetRequestIds(realmId: string): number | undefined
  /** The company's CompanyInfo after the change; undefined for an unknown company. */
  setSubscriptionStatus(realmId: string, status: SubscriptionStatus): unknown
}
