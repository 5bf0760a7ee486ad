/**
 * What a payment delete may carry: the payment's Id and SyncToken and nothing else, so a delete can
 * never smuggle an update of other fields (Intuit reads only these two for a delete anyway).
 */
import { z } from 'zod'

const DeleteBody = z.strictObject({
  Id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  SyncToken: z.string().regex(/^\d{1,10}$/),
})

/** Null when the body is exactly `{Id, SyncToken}`, else why not. */
export function checkDeleteBody(json: unknown): string | null {
  return DeleteBody.safeParse(json).success
    ? null
    : 'a delete body must be {"Id": "<id>", "SyncToken": "<digits>"} and nothing else'
}
