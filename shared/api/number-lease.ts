/**
 * Invoice numbers shared across a company's devices: `POST /api/numbers/lease` hands this device the
 * next block of numbers after the company's highest DocNumber (as reported by devices) and every
 * number already leased, in one storage transaction, so no two devices ever hold the same number.
 */
import { z } from 'zod'

export const LEASE_BLOCK_SIZE = 20

export const LeaseRequest = z.object({
  /** The highest invoice number this device has seen in QuickBooks or used; the lease starts above it. */
  highestSeen: z.int().nonnegative(),
  count: z.int().min(1).max(100).default(LEASE_BLOCK_SIZE),
})
export type LeaseRequest = z.infer<typeof LeaseRequest>

export const Lease = z.object({
  /** First and last number of the block, inclusive. */
  from: z.int().positive(),
  to: z.int().positive(),
})
export type Lease = z.infer<typeof Lease>
