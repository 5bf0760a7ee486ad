/** A service address belonging to a contact. Never syncs: its address rides on the invoice. */
import { z } from 'zod'
import { Address } from './address.ts'
import { LocalId, optionalText, syncableShape } from './common.ts'

const propertyFields = {
  contactId: LocalId,
  label: optionalText(100),
  address: Address,
  notes: optionalText(4000),
}

export const PropertyInput = z.object(propertyFields)
export type PropertyInput = z.input<typeof PropertyInput>

export const Property = z.object({ ...syncableShape, ...propertyFields })
export type Property = z.infer<typeof Property>
