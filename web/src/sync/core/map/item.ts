/**
 * Pricebook item ⇄ QuickBooks Item. Services go as `Service`, products as `NonInventory` (the app tracks no
 * stock). New items take the default income and expense accounts from settings; an item cannot be created
 * without an income account, so its absence is an error the user fixes in Settings, not a guess.
 * @module
 */
import type { Item, Settings } from '#shared/domain/index.ts'
import type { QboItem } from '#shared/qbo/index.ts'
import { toCents, toDollars } from '#shared/money.ts'
import { compact } from './compact.ts'
import { mapError, mapped, type Mapped, type MapWarning } from './map-result.ts'
import { cleanName, cut, LIMITS } from './text-rules.ts'

export type ItemFields = Pick<Item, 'name' | 'description' | 'type' | 'unitPrice' | 'sku' | 'taxable' | 'active'>
export type ItemBody = Partial<QboItem>
export type ItemAccounts = Pick<Settings, 'defaultIncomeAccountId' | 'defaultExpenseAccountId'>

/**
 * @example
 * itemToQbo(
 *   { name: 'Labor', type: 'service', unitPrice: 9500, taxable: false, active: true },
 *   { defaultIncomeAccountId: '79' },
 * )
 * // { Name: 'Labor', Type: 'Service', UnitPrice: 95, Taxable: false, Active: true,
 * //   IncomeAccountRef: { value: '79' } }
 */
export function itemToQbo(item: ItemFields, accounts: ItemAccounts): Mapped<ItemBody> {
  const warnings: MapWarning[] = []
  const name = cleanName(item.name, LIMITS.itemName)
  if (name === undefined) return mapError('Name', 'Give this item a name before it can go to QuickBooks.')
  if (name !== item.name.trim())
    warnings.push({
      field: 'Name',
      message: 'Colons, tabs and line breaks were replaced by spaces: QuickBooks does not allow them in item names.',
    })
  if (accounts.defaultIncomeAccountId === undefined) {
    return mapError(
      'IncomeAccountRef',
      'Choose a default income account in Settings → QuickBooks before sending items.',
    )
  }
  const description = item.description === undefined ? undefined : cut(item.description, LIMITS.itemDescription)
  return mapped(
    compact({
      Name: name,
      Type: item.type === 'service' ? ('Service' as const) : ('NonInventory' as const),
      Description: description,
      Sku: item.sku === undefined ? undefined : cut(item.sku, LIMITS.sku),
      UnitPrice: toDollars(item.unitPrice),
      Taxable: item.taxable,
      Active: item.active,
      IncomeAccountRef: { value: accounts.defaultIncomeAccountId },
      ExpenseAccountRef:
        accounts.defaultExpenseAccountId === undefined ? undefined : { value: accounts.defaultExpenseAccountId },
    }),
    warnings,
  )
}

/**
 * A QuickBooks item for the one-off pricebook import. Inventory items come in as products (the app does not
 * track stock); categories and bundles are not sellable lines and are refused.
 */
export function qboToItem(q: QboItem): Mapped<ItemFields> {
  if (q.Type === 'Category' || q.Type === 'Group') {
    return mapError(
      'Type',
      `"${q.Name}" is a QuickBooks ${q.Type === 'Category' ? 'category' : 'bundle'}, ` +
        'not an item that can go on an invoice.',
    )
  }
  const name = q.Name.trim()
  if (name === '') return mapError('Name', `QuickBooks item ${q.Id} has no name.`)
  const warnings: MapWarning[] = []
  const price = q.UnitPrice ?? 0
  // Prices used as rates can carry more than two decimals in QuickBooks; the pricebook keeps cents.
  const unitPrice = Math.max(0, toCents(price))
  if (Math.abs(price * 100 - unitPrice) > 1e-6) {
    warnings.push({ field: 'unitPrice', message: `The price ${price} was rounded to ${(unitPrice / 100).toFixed(2)}.` })
  }
  const description = q.Description?.trim()
  const sku = q.Sku?.trim()
  return mapped(
    compact({
      name: cut(name, LIMITS.itemName),
      description: description === undefined || description === '' ? undefined : description,
      type: q.Type === 'Service' || q.Type === undefined ? ('service' as const) : ('product' as const),
      unitPrice,
      sku: sku === undefined || sku === '' ? undefined : sku,
      taxable: q.Taxable ?? false,
      active: q.Active ?? true,
    }),
    warnings,
  )
}
