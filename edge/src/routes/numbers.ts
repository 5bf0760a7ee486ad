/** `POST /api/numbers/lease`: the next block of invoice numbers for this device (shared/api/number-lease.ts). */
import { Hono } from 'hono'
import { LeaseRequest, type Lease } from '#shared/api/number-lease.ts'
import type { AppEnv } from '../env.ts'
import { apiError } from '../errors.ts'
import { currentSession } from '../session/current.ts'

export const numberRoutes = new Hono<AppEnv>()

numberRoutes.post('/lease', async (c) => {
  const session = await currentSession(c)
  if (!session) return apiError(c, 'unauthenticated', 'Connect QuickBooks first: there is no session.')
  let json: unknown
  try {
    json = await c.req.json()
  } catch {
    return apiError(c, 'bad_request', 'The lease request is not JSON.')
  }
  const request = LeaseRequest.safeParse(json)
  if (!request.success)
    return apiError(c, 'bad_request', 'The lease request needs highestSeen and at most 100 numbers.')
  const gate = c.env.REALM_GATE.getByName(session.realmId)
  // A device the company removed, or every device after a disconnect, is refused here.
  const admitted = await gate.admit(session.device, 'records')
  if (!admitted.ok) return apiError(c, admitted.error.code, admitted.error.message)
  const lease: Lease = await gate.leaseNumbers(session.device, request.data)
  c.header('Cache-Control', 'no-store')
  return c.json(lease)
})
