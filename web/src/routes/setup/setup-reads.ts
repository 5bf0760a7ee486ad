/**
 * What the setup wizard reads from QuickBooks before it changes anything: the company's numbering preference, its
 * accounts (with QuickBooks' usual ones to preselect), its service items, and how many customers and items it has.
 * Read-only queries through the edge; nothing here writes.
 */
import type { QboAccount } from '#shared/qbo/index.ts'
import { edgeGateway } from '../../sync/adapters/edge-gateway.ts'
import { usualAccounts, type UsualAccounts } from '../../sync/usual-accounts.ts'

export type Choice = { value: string; label: string }

export interface SetupFacts {
  /** QuickBooks numbers invoices itself (custom transaction numbers off). */
  quickBooksNumbers: boolean
  deposit: Choice[]
  income: Choice[]
  expense: Choice[]
  serviceItems: Choice[]
  usual: UsualAccounts
  customers: number
  items: number
}

async function rows<T>(realmId: string, statement: string, entity: string): Promise<T[]> {
  const r = await edgeGateway(realmId).query(statement)
  if (!r.ok) throw new Error(r.error.userMessage)
  return ((r.value as Record<string, unknown>)[entity] as T[] | undefined) ?? []
}

async function count(realmId: string, entity: string): Promise<number> {
  const r = await edgeGateway(realmId).query(`SELECT COUNT(*) FROM ${entity}`)
  if (!r.ok) throw new Error(r.error.userMessage)
  return Number((r.value as { totalCount?: number }).totalCount ?? 0)
}

const choices = (list: readonly QboAccount[], types: readonly string[]): Choice[] =>
  list
    .filter((a) => a.AccountType !== undefined && types.includes(a.AccountType))
    .map((a) => ({ value: a.Id, label: a.FullyQualifiedName ?? a.Name }))
    .sort((a, b) => a.label.localeCompare(b.label))

export async function readSetupFacts(realmId: string): Promise<SetupFacts> {
  const [prefs, accounts, services, customers, items] = await Promise.all([
    rows<{ SalesFormsPrefs?: { CustomTxnNumbers?: boolean } }>(realmId, 'SELECT * FROM Preferences', 'Preferences'),
    rows<QboAccount>(realmId, 'SELECT * FROM Account WHERE Active = true MAXRESULTS 1000', 'Account'),
    rows<{ Id: string; Name: string }>(realmId, "SELECT * FROM Item WHERE Type = 'Service' MAXRESULTS 1000", 'Item'),
    count(realmId, 'Customer'),
    count(realmId, 'Item'),
  ])
  return {
    quickBooksNumbers: prefs[0]?.SalesFormsPrefs?.CustomTxnNumbers === false,
    deposit: choices(accounts, ['Bank', 'Other Current Asset']),
    income: choices(accounts, ['Income', 'Other Income']),
    expense: choices(accounts, ['Cost of Goods Sold']),
    serviceItems: services.map((s) => ({ value: s.Id, label: s.Name })).sort((a, b) => a.label.localeCompare(b.label)),
    usual: usualAccounts(accounts),
    customers,
    items,
  }
}
