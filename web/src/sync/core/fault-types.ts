/**
 * What the core knows about a failed call: the closed set of fault kinds the runner and the UI act on,
 * and the suggested action from docs/product.md §Errors.
 * @module
 */
import { z } from 'zod'

export const FaultKind = z.enum([
  'auth',
  'duplicate',
  'notFound',
  'stale',
  'rateLimit',
  'validation',
  'transient',
  'fatal',
])
export type FaultKind = z.infer<typeof FaultKind>

export const FaultAction = z.enum([
  'reconnect',
  'rename-or-link',
  'unlink-and-recreate',
  'refetch-merge-retry',
  'backoff',
  'fix-field',
  /** An invoice number QuickBooks already has (6140, or found before sending): take the next free one. */
  'use-next-number',
  'retry',
  'none',
])
export type FaultAction = z.infer<typeof FaultAction>

export const SyncFault = z.object({
  kind: FaultKind,
  retryable: z.boolean(),
  /** Plain words for the contractor; never a raw Intuit message. */
  userMessage: z.string(),
  action: FaultAction,
  /** The QuickBooks field to fix (from the fault's `element`, or known for the code). */
  field: z.string().optional(),
  /** Intuit's error code ("6240"), or "http-<status>" / "network" when there was no fault body. */
  code: z.string(),
  /** Intuit's own Detail text, kept for the sync log. */
  detail: z.string().optional(),
  httpStatus: z.number().int().optional(),
  /** How long to wait before retrying, when the kind is rateLimit (Intuit says 60 s). */
  retryAfterMs: z.number().int().nonnegative().optional(),
  /** Id of the clashing QuickBooks record, when a duplicate fault names one. */
  conflictingId: z.string().optional(),
})
export type SyncFault = z.infer<typeof SyncFault>

/**
 * The code of a payment held by the runner: sent, no answer came back, and nothing identifies it in QuickBooks to
 * look it up by. Only the user can say whether QuickBooks has it (the payment's "link it" / "send it").
 */
export const UNVERIFIED_PAYMENT_CODE = 'unverified-payment'

/** The QuickBooks entity a write was about, when known: it names the field of a duplicate (Item → Name). */
const entity = z.enum(['Customer', 'Item', 'Invoice', 'Payment']).optional()

/** What came back from one call (or one batch item), as the runner saw it. */
export const FaultInput = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('http'),
    status: z.number().int(),
    /** Parsed JSON, raw text (Intuit's XML throttle bodies), or nothing. */
    body: z.unknown().optional(),
    retryAfterMs: z.number().int().nonnegative().optional(),
    entity,
  }),
  /** One failed item of a batch response: `{bId, Fault}`. */
  z.object({ type: z.literal('batchItem'), item: z.unknown(), entity }),
  z.object({ type: z.literal('network'), message: z.string().optional() }),
])
export type FaultInput = z.infer<typeof FaultInput>
