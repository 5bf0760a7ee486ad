/**
 * QuickBooks' usual accounts: what a new company has and what QuickBooks' own forms fill in when nothing is
 * chosen. Items book sales to "Sales of Product Income" and costs to "Cost of Goods Sold"; payments land in
 * Undeposited Funds. Matched by subtype, never by position: a company's first Income account is as likely to be
 * "Discounts given" as anything. Used when the company's settings name no account, at the initial sync and on
 * every later push alike.
 * @module
 */
import type { QboAccount } from '#shared/qbo/index.ts'
import type { Result } from '#shared/result.ts'
import { ok } from '#shared/result.ts'
import type { SyncFault } from './core/index.ts'
import type { QboGateway } from './ports.ts'

export type UsualAccounts = { income?: string | undefined; expense?: string | undefined; deposit?: string | undefined }

type Account = Pick<QboAccount, 'Id' | 'Active' | 'AccountType' | 'AccountSubType' | 'SubAccount'>

/** Income subtypes in the order QuickBooks' item form prefers them; contra and clearing incomes never qualify. */
const INCOME_SUBTYPES = ['SalesOfProductIncome', 'ServiceFeeIncome', 'OtherPrimaryIncome'] as const
const NOT_FOR_ITEMS = new Set(['DiscountsRefundsGiven', 'UnappliedCashPaymentIncome'])

function first(list: readonly Account[], test: (a: Account) => boolean): string | undefined {
  // A top-level account before a sub-account of the same kind: the usual one is never nested.
  const hits = list.filter((a) => a.Active !== false && test(a))
  return (hits.find((a) => !a.SubAccount) ?? hits[0])?.Id
}

/**
 * @example
 * usualAccounts(chart) // → { income: '2', expense: '8', deposit: '5' }
 */
export function usualAccounts(accounts: readonly Account[]): UsualAccounts {
  const income =
    INCOME_SUBTYPES.map((t) => first(accounts, (a) => a.AccountType === 'Income' && a.AccountSubType === t)).find(
      (id) => id !== undefined,
    ) ?? first(accounts, (a) => a.AccountType === 'Income' && !NOT_FOR_ITEMS.has(a.AccountSubType ?? ''))
  // QuickBooks takes only a Cost of Goods Sold account as an item's expense account.
  const expense =
    first(accounts, (a) => a.AccountType === 'Cost of Goods Sold' && a.AccountSubType === 'SuppliesMaterialsCogs') ??
    first(accounts, (a) => a.AccountType === 'Cost of Goods Sold')
  const deposit = first(accounts, (a) => a.AccountSubType === 'UndepositedFunds')
  return { income, expense, deposit }
}

/** Reads the company's active accounts (one query) and picks the usual ones. */
export async function readUsualAccounts(gateway: QboGateway): Promise<Result<UsualAccounts, SyncFault>> {
  const r = await gateway.query('SELECT * FROM Account WHERE Active = true MAXRESULTS 1000')
  if (!r.ok) return r
  const list = ((r.value as Record<string, unknown>)['Account'] as Account[] | undefined) ?? []
  return ok(usualAccounts(list))
}

/** The usual accounts by company, read once each: a read that fails is tried again next time. */
export class UsualAccountsCache {
  #known = new Map<string, UsualAccounts>()

  async get(realmId: string, gateway: QboGateway): Promise<UsualAccounts | undefined> {
    const known = this.#known.get(realmId)
    if (known) return known
    const r = await readUsualAccounts(gateway)
    // Unread (offline, a fault): the push goes without, and a record needing an account says which one.
    if (r.ok) this.#known.set(realmId, r.value)
    return r.ok ? r.value : undefined
  }
}
