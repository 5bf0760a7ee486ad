/** The ways a contractor is paid, as the payment forms offer them. */
import type { PaymentMethod } from '#shared/domain/index.ts'

export const methods: { value: PaymentMethod; label: string }[] = [
  { value: 'cash', label: 'Cash' },
  { value: 'check', label: 'Check' },
  { value: 'card', label: 'Card' },
  { value: 'bank_transfer', label: 'Bank transfer' },
  { value: 'other', label: 'Other' },
]
