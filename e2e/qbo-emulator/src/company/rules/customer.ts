/**
 * Customer rules (Intuit customer reference; docs/quickbooks.md §3.1): DisplayName unique across
 * customers, vendors and employees (6240), built from the name parts when absent, `:`/tab/
 * newline refused, field lengths (2050), email syntax, sub-customers through ParentRef.
 */
import type { EntityRules, WriteContext } from './context.ts'
import type { Json } from '../types.ts'
import type { Result } from '../result.ts'
import { err, ok } from '../result.ts'
import { faults } from '../faults.ts'
import { compact, num, str } from '../json.ts'
import { foldName } from '../state.ts'
import { USD, checkEmail, checkName, checkObjectStrings, checkString, namedRef, resolveRef } from './checks.ts'

const NAME_PARTS = [
  ['Title', 16],
  ['GivenName', 100],
  ['MiddleName', 100],
  ['FamilyName', 100],
  ['Suffix', 16],
] as const
/** Address field limits (§3.1), the same on a customer and on an invoice's BillAddr/ShipAddr. */
export const ADDRESS = {
  Line1: 500,
  Line2: 500,
  Line3: 500,
  Line4: 500,
  Line5: 500,
  City: 255,
  CountrySubDivisionCode: 255,
  PostalCode: 30,
  Country: 255,
}
const PHONE = { FreeFormNumber: 30 }
const MAX_LEVEL = 4

/** Checks shared by every DisplayName holder (Customer, Vendor, Employee). */
export function checkPersonNames(
  ctx: WriteContext,
  entity: 'Customer' | 'Vendor' | 'Employee',
  input: Json,
  prev: Json | undefined,
): Result<Json> {
  const out: Json = { ...input }
  const parts: string[] = []
  for (const [field, max] of NAME_PARTS) {
    const r = checkName(field, input[field], max)
    if (!r.ok) return err(r.error)
    if (r.value) parts.push(r.value)
  }
  const display = checkName('DisplayName', input.DisplayName, 500)
  if (!display.ok) return err(display.error)
  let displayName = display.value?.trim()
  if (!displayName) {
    // Sparse updates cannot clear DisplayName; creates fall back to the name parts.
    displayName = str(prev?.DisplayName) ?? (parts.length ? parts.join(' ') : undefined)
  }
  if (!displayName)
    return err(faults.required('DisplayName', 'DisplayName or one of Title, GivenName, MiddleName, FamilyName, Suffix'))
  const holder = ctx.state.displayNames.get(foldName(displayName))
  if (holder && !(holder.entity === entity && holder.id === str(prev?.Id))) return err(faults.duplicateName(holder.id))
  out.DisplayName = displayName
  const printName = checkName('PrintOnCheckName', input.PrintOnCheckName, 110)
  if (!printName.ok) return err(printName.error)
  out.PrintOnCheckName =
    printName.value ?? str(prev?.PrintOnCheckName) ?? (parts.length ? parts.join(' ') : displayName)
  const email = checkEmail('PrimaryEmailAddr', input.PrimaryEmailAddr)
  if (!email.ok) return err(email.error)
  for (const field of ['PrimaryPhone', 'Mobile', 'AlternatePhone', 'Fax']) {
    const r = checkObjectStrings(field, input[field], PHONE)
    if (!r.ok) return err(r.error)
  }
  for (const field of ['BillAddr', 'ShipAddr']) {
    const r = checkObjectStrings(field, input[field], ADDRESS)
    if (!r.ok) return err(r.error)
  }
  const company = checkString('CompanyName', input.CompanyName, 100)
  if (!company.ok) return err(company.error)
  const notes = checkString('Notes', input.Notes, 2000)
  if (!notes.ok) return err(notes.error)
  if (input.Active !== undefined && typeof input.Active !== 'boolean')
    return err(faults.invalidNumber('Active', input.Active))
  out.Active = input.Active ?? true
  return ok(out)
}

export const customerRules: EntityRules = {
  entity: 'Customer',
  prepare(ctx, input, prev) {
    const base = checkPersonNames(ctx, 'Customer', input, prev)
    if (!base.ok) return base
    const out = base.value
    let fullName = str(out.DisplayName) ?? ''
    let level = 0
    if (input.ParentRef !== undefined && input.ParentRef !== null) {
      const parent = resolveRef(ctx, 'Customer', 'ParentRef', input.ParentRef, { active: true })
      if (!parent.ok) return parent
      level = (num(parent.value.Level) ?? 0) + 1
      if (level > MAX_LEVEL)
        return err(faults.business('A sub-customer can be at most 4 levels below its top parent.', 'ParentRef'))
      if (str(parent.value.Id) === str(prev?.Id))
        return err(faults.business('A customer cannot be its own parent.', 'ParentRef'))
      fullName = `${str(parent.value.FullyQualifiedName)}:${fullName}`
      out.ParentRef = namedRef(str(parent.value.Id) ?? '', parent.value.DisplayName)
      out.Job = true
      out.Level = level
    } else {
      out.Job = false
      delete out.Level
      delete out.ParentRef
    }
    out.FullyQualifiedName = fullName
    out.BillWithParent = input.BillWithParent === true && out.Job === true
    out.Taxable = input.Taxable ?? prev?.Taxable ?? true
    // Opening balance is write-on-create; afterwards Balance is read-only.
    const balance = prev ? (num(prev.Balance) ?? 0) : (num(input.Balance) ?? 0)
    out.Balance = balance
    out.BalanceWithJobs = prev ? (num(prev.BalanceWithJobs) ?? balance) : balance
    out.CurrencyRef = prev?.CurrencyRef ?? input.CurrencyRef ?? USD
    out.PreferredDeliveryMethod = input.PreferredDeliveryMethod ?? 'Print'
    out.IsProject = false
    return ok(compact(out))
  },
}

/** Vendors and employees only matter here as holders of DisplayNames. */
export const vendorRules: EntityRules = {
  entity: 'Vendor',
  prepare: (ctx, input, prev) => checkPersonNames(ctx, 'Vendor', input, prev),
}

export const employeeRules: EntityRules = {
  entity: 'Employee',
  prepare: (ctx, input, prev) => checkPersonNames(ctx, 'Employee', input, prev),
}
