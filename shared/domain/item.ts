/** A pricebook item. Pushed to QuickBooks as a Service or NonInventory item, matched by exact name. */
import { z } from 'zod'
import { NonNegativeCents, optionalText, requiredText, syncableShape } from './common.ts'

export const ItemType = z.enum(['service', 'product'])
export type ItemType = z.infer<typeof ItemType>

const itemFields = {
  /** QuickBooks item names are unique and at most 100 characters. */
  name: requiredText(100, 'Enter an item name'),
  description: optionalText(4000),
  type: ItemType.default('service'),
  unitPrice: NonNegativeCents,
  sku: optionalText(100),
  taxable: z.boolean().default(false),
  active: z.boolean().default(true),
}

export const ItemInput = z.object(itemFields)
export type ItemInput = z.input<typeof ItemInput>

export const Item = z.object({ ...syncableShape, ...itemFields })
export type Item = z.infer<typeof Item>
