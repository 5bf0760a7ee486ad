/**
 * `POST /webhooks/intuit`: checks Intuit's signature over the raw bytes, then records per realm
 * what changed. Answers fast (Intuit wants 200 within 3 s) and never echoes the payload.
 */
import { Hono } from 'hono'
import type { AppEnv } from '../env.ts'
import { apiError } from '../errors.ts'
import { parseWebhook } from '../webhooks/payload.ts'
import { verifyIntuitSignature } from '../webhooks/signature.ts'

export const webhookRoutes = new Hono<AppEnv>()

webhookRoutes.post('/intuit', async (c) => {
  const raw = await c.req.arrayBuffer()
  const signature = c.req.header('intuit-signature')
  if (!signature) return apiError(c, 'bad_signature', 'The intuit-signature header is missing.')
  if (!(await verifyIntuitSignature(c.get('config').webhookVerifier, raw, signature))) {
    return apiError(c, 'bad_signature', 'The intuit-signature does not match the body.')
  }
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder().decode(raw))
  } catch {
    return apiError(c, 'bad_request', 'The webhook body is not JSON.')
  }
  const changes = parseWebhook(json)
  if (!changes) return apiError(c, 'bad_request', 'The webhook body is not an Intuit notification.')
  await Promise.all([...changes].map(([realmId, list]) => c.env.REALM_GATE.getByName(realmId).recordChanges(list)))
  return c.json({ received: [...changes.values()].reduce((n, l) => n + l.length, 0) })
})
