/**
 * Account rules (Intuit account reference; docs/quickbooks.md §3.5): Name unique, ≤100, no `"` or `:`;
 * AccountType from Intuit's list; Classification derived from it.
 */
import type { EntityRules } from './context.ts'
import type { Json } from '../types.ts'
import { err, ok } from '../result.ts'
import { faults } from '../faults.ts'
import { compact, str } from '../json.ts'
import { checkString, resolveRef, USD } from './checks.ts'

export const ACCOUNT_CLASSIFICATION: Record<string, string> = {
  Bank: 'Asset',
  'Other Current Asset': 'Asset',
  'Fixed Asset': 'Asset',
  'Other Asset': 'Asset',
  'Accounts Receivable': 'Asset',
  Equity: 'Equity',
  Expense: 'Expense',
  'Other Expense': 'Expense',
  'Cost of Goods Sold': 'Expense',
  'Accounts Payable': 'Liability',
  'Credit Card': 'Liability',
  'Long Term Liability': 'Liability',
  'Other Current Liability': 'Liability',
  Income: 'Revenue',
  'Other Income': 'Revenue',
}

export const accountRules: EntityRules = {
  entity: 'Account',
  prepare(ctx, input, prev) {
    const out: Json = { ...input }
    if (!input.Name) return err(faults.required('Name'))
    const name = checkString('Name', input.Name, 100)
    if (!name.ok) return name
    if (/[":]/.test(name.value ?? ''))
      return err(faults.business('Account Name cannot contain double quotes (") or colon (:).', 'Name'))
    // Sub-accounts hang under a parent of the same type; names are unique per parent.
    let fullName = name.value ?? ''
    let parent: Json | undefined
    if (input.ParentRef !== undefined && input.ParentRef !== null) {
      const p = resolveRef(ctx, 'Account', 'ParentRef', input.ParentRef, { active: true })
      if (!p.ok) return p
      parent = p.value
      fullName = `${str(parent.FullyQualifiedName) ?? str(parent.Name)}:${fullName}`
    }
    const folded = fullName.trim().toLowerCase()
    for (const [id, row] of ctx.state.tables.Account) {
      if (
        id !== str(prev?.Id) &&
        (str(row.data.FullyQualifiedName) ?? str(row.data.Name))?.trim().toLowerCase() === folded
      )
        return err(faults.duplicateName(id))
    }
    const type = input.AccountType ?? prev?.AccountType
    if (type === undefined) return err(faults.required('AccountType'))
    const classification = typeof type === 'string' ? ACCOUNT_CLASSIFICATION[type] : undefined
    if (!classification) return err(faults.invalidEnum('AccountType', String(type)))
    if (typeof input.AcctNum === 'string' && input.AcctNum.includes(':')) return err(faults.invalidChars('AcctNum'))
    if (parent && parent.AccountType !== type)
      return err(faults.business('A sub-account must have the same AccountType as its parent.', 'ParentRef'))
    out.FullyQualifiedName = fullName
    out.Classification = classification
    out.Active = input.Active ?? true
    out.SubAccount = parent !== undefined
    if (parent) out.ParentRef = { value: str(parent.Id) }
    else delete out.ParentRef
    out.CurrentBalance = prev?.CurrentBalance ?? 0
    out.CurrentBalanceWithSubAccounts = prev?.CurrentBalanceWithSubAccounts ?? 0
    out.CurrencyRef = prev?.CurrencyRef ?? input.CurrencyRef ?? USD
    return ok(compact(out))
  },
}
