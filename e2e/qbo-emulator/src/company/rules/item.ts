/**
 * Item rules (Intuit item reference; docs/quickbooks.md §3.2): Name required, ≤100, unique, no
 * `:`/tab/newline; Type explicit; Service and NonInventory sell through an income account;
 * an ExpenseAccountRef, when sent, must be a Cost of Goods Sold account (whether Intuit requires
 * one for a sales-only item is unconfirmed, so it stays optional); Inventory needs its asset
 * account, start date and quantity.
 */
import type { EntityRules, WriteContext } from './context.ts'
import type { Json } from '../types.ts'
import type { Result } from '../result.ts'
import { err, ok } from '../result.ts'
import { faults } from '../faults.ts'
import { compact, num, str } from '../json.ts'
import { foldName } from '../state.ts'
import { checkName, checkString, namedRef, resolveRef } from './checks.ts'

const TYPES = ['Service', 'NonInventory', 'Inventory', 'Category', 'Group'] as const
const INCOME_TYPES = new Set(['Income', 'Other Income'])
const COGS_TYPES = new Set(['Cost of Goods Sold'])

/** `kind` is written as it reads after "must be", e.g. "an income account". */
function accountRef(
  ctx: WriteContext,
  element: string,
  ref: unknown,
  allowed: ReadonlySet<string>,
  kind: string,
): Result<Json> {
  const account = resolveRef(ctx, 'Account', element, ref, { active: true })
  if (!account.ok) return account
  if (!allowed.has(str(account.value.AccountType) ?? '')) {
    return err(faults.business(`${element} must be ${kind}.`, element))
  }
  return ok(namedRef(str(account.value.Id) ?? '', account.value.Name))
}

export const itemRules: EntityRules = {
  entity: 'Item',
  prepare(ctx, input, prev) {
    const out: Json = { ...input }
    if (input.Name === undefined || input.Name === null || input.Name === '') return err(faults.required('Name'))
    const name = checkName('Name', input.Name, 100)
    if (!name.ok) return name
    const holder = ctx.state.itemNames.get(foldName(name.value ?? ''))
    if (holder !== undefined && holder !== str(prev?.Id)) return err(faults.duplicateName(holder))
    out.Name = name.value
    out.FullyQualifiedName = name.value

    const type = input.Type ?? prev?.Type
    if (type === undefined) return err(faults.required('Type'))
    if (typeof type !== 'string' || !(TYPES as readonly string[]).includes(type))
      return err(faults.invalidEnum('Type', String(type)))
    if (type === 'Group' && !prev) return err(faults.business('Group items cannot be created through the API.', 'Type'))
    if (prev && prev.Type === 'Inventory' && type !== 'Inventory')
      return err(faults.business('An inventory item cannot change its type.', 'Type'))
    out.Type = type

    for (const [field, max] of [
      ['Description', 4000],
      ['PurchaseDesc', 1000],
      ['Sku', 100],
    ] as const) {
      const r = checkString(field, input[field], max)
      if (!r.ok) return err(r.error)
    }
    for (const field of ['UnitPrice', 'PurchaseCost', 'QtyOnHand'] as const) {
      if (input[field] !== undefined && input[field] !== null && num(input[field]) === undefined)
        return err(faults.invalidNumber(field, input[field]))
    }
    out.UnitPrice = num(input.UnitPrice) ?? 0
    out.PurchaseCost = num(input.PurchaseCost) ?? 0

    if (type !== 'Category' && type !== 'Group') {
      if (input.IncomeAccountRef === undefined || input.IncomeAccountRef === null)
        return err(faults.required('IncomeAccountRef'))
      const income = accountRef(ctx, 'IncomeAccountRef', input.IncomeAccountRef, INCOME_TYPES, 'an income account')
      if (!income.ok) return income
      out.IncomeAccountRef = income.value
      if (input.ExpenseAccountRef !== undefined && input.ExpenseAccountRef !== null) {
        const expense = accountRef(
          ctx,
          'ExpenseAccountRef',
          input.ExpenseAccountRef,
          COGS_TYPES,
          'a Cost of Goods Sold account',
        )
        if (!expense.ok) return expense
        out.ExpenseAccountRef = expense.value
      }
    }
    if (type === 'Inventory') {
      if (input.AssetAccountRef === undefined || input.AssetAccountRef === null)
        return err(faults.required('AssetAccountRef'))
      const asset = accountRef(
        ctx,
        'AssetAccountRef',
        input.AssetAccountRef,
        new Set(['Other Current Asset']),
        'an inventory asset account',
      )
      if (!asset.ok) return asset
      out.AssetAccountRef = asset.value
      if (input.InvStartDate === undefined) return err(faults.required('InvStartDate'))
      if (input.QtyOnHand === undefined) return err(faults.required('QtyOnHand'))
      out.QtyOnHand = num(input.QtyOnHand)
      out.TrackQtyOnHand = true
    } else {
      if (prev?.TrackQtyOnHand === true && input.TrackQtyOnHand === false)
        return err(faults.business('TrackQtyOnHand cannot be turned off once on.', 'TrackQtyOnHand'))
      out.TrackQtyOnHand = false
    }
    if (input.Active !== undefined && typeof input.Active !== 'boolean')
      return err(faults.invalidNumber('Active', input.Active))
    out.Active = input.Active ?? true
    out.Taxable = input.Taxable ?? false
    return ok(compact(out))
  },
}
