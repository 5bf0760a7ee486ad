/**
 * `/api/team/*` (shared/api/team.ts): join codes, joining, and the company's devices. The company's
 * RealmGate admits the caller's device and role on every route but the join itself; join codes live
 * hashed in the app-wide join index (team/join-index.ts), found by their first half.
 */
import { Hono, type Context } from 'hono'
import {
  JOIN_CODE_TTL_MS,
  JoinCodeRequest,
  JoinRequest,
  RenameDeviceRequest,
  type JoinCodeResponse,
  type JoinResponse,
} from '#shared/api/team.ts'
import type { AppEnv } from '../env.ts'
import { apiError } from '../errors.ts'
import type { GateError } from '../gate/upstream.ts'
import { currentSession, startSession } from '../session/current.ts'
import { displayCode, hashCode, newJoinCode } from '../team/join-code.ts'
import { JOIN_INDEX } from '../team/join-index.ts'
import { readJson } from './read-json.ts'

export const teamRoutes = new Hono<AppEnv>()

const refuse = (c: Context<AppEnv>, e: GateError) => apiError(c, e.code, e.message, e.retryAfterMs)
const noSession = (c: Context<AppEnv>) => apiError(c, 'unauthenticated', 'This device has no session with a company.')
/** Tries to find a handle no live code has; two live codes sharing one in 923,521 is rare. */
const REGISTER_TRIES = 5

teamRoutes.post('/join-codes', async (c) => {
  const session = await currentSession(c)
  if (!session) return noSession(c)
  const body = await readJson(c, JoinCodeRequest)
  if (!body.ok) return refuse(c, body.error)
  const gate = c.env.REALM_GATE.getByName(session.realmId)
  const admitted = await gate.admit(session.device, 'devices', 'add devices')
  if (!admitted.ok) return refuse(c, admitted.error)
  const config = c.get('config')
  const index = c.env.REALM_GATE.getByName(JOIN_INDEX)
  const expiresAt = Date.now() + JOIN_CODE_TTL_MS
  for (let i = 0; i < REGISTER_TRIES; i++) {
    const code = newJoinCode()
    const hashes = await hashCode(config.sessionKeys.current, code)
    if (await index.registerJoinCode({ hashes, realmId: session.realmId, role: body.value.role, expiresAt })) {
      const shown = displayCode(code)
      c.header('Cache-Control', 'no-store')
      return c.json({
        code: shown,
        role: body.value.role,
        expiresAt: new Date(expiresAt).toISOString(),
        joinUrl: `${config.appOrigin}/join?code=${shown}`,
      } satisfies JoinCodeResponse)
    }
  }
  return apiError(c, 'internal', 'No join code could be made just now; please try again.')
})

teamRoutes.post('/join', async (c) => {
  const body = await readJson(c, JoinRequest)
  if (!body.ok) return refuse(c, body.error)
  const config = c.get('config')
  const client = c.req.header('cf-connecting-ip') ?? 'unknown'
  const hashes = await hashCode(config.sessionKeys.current, body.value.code)
  const redeemed = await c.env.REALM_GATE.getByName(JOIN_INDEX).redeemJoinCode(hashes, client)
  if (!redeemed.ok) return refuse(c, redeemed.error)
  const { realmId, role } = redeemed.value
  const joined = await c.env.REALM_GATE.getByName(realmId).joinDevice(role, body.value.deviceName)
  if (!joined.ok) return refuse(c, joined.error)
  await startSession(c, realmId, joined.value.device.id)
  c.header('Cache-Control', 'no-store')
  return c.json({ realmId, companyName: joined.value.companyName, device: joined.value.device } satisfies JoinResponse)
})

teamRoutes.get('/devices', async (c) => {
  const session = await currentSession(c)
  if (!session) return noSession(c)
  const listed = await c.env.REALM_GATE.getByName(session.realmId).devices(session.device)
  if (!listed.ok) return refuse(c, listed.error)
  c.header('Cache-Control', 'no-store')
  return c.json(listed.value)
})

teamRoutes.delete('/devices/:id', async (c) => {
  const session = await currentSession(c)
  if (!session) return noSession(c)
  const removed = await c.env.REALM_GATE.getByName(session.realmId).removeDevice(session.device, c.req.param('id'))
  if (!removed.ok) return refuse(c, removed.error)
  return c.json(removed.value)
})

teamRoutes.patch('/this-device', async (c) => {
  const session = await currentSession(c)
  if (!session) return noSession(c)
  const body = await readJson(c, RenameDeviceRequest)
  if (!body.ok) return refuse(c, body.error)
  const renamed = await c.env.REALM_GATE.getByName(session.realmId).renameDevice(session.device, body.value.name)
  if (!renamed.ok) return refuse(c, renamed.error)
  return c.json(renamed.value)
})
