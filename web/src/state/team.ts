/**
 * The team routes of the edge (shared/api/team.ts): the device list, join codes, joining, removing a device.
 * Each answers a Result whose error message is ready to show; the wording for join refusals is here so the join
 * screen and its tests agree.
 * @module
 */
import {
  Devices,
  JoinCodeResponse,
  JoinResponse,
  RemoveDeviceResponse,
  type DeviceId,
  type JoinRequest,
  type Role,
} from '#shared/api/index.ts'
import { queryOptions } from '@tanstack/solid-query'
import { err, type Result } from '#shared/result.ts'
import { edgeCall, type EdgeCallError } from './edge-call.ts'
import { clearSessionEnded, noteCompany } from './session-ended.ts'

export type { EdgeCallError }

export const fetchDevices = (fetchFn?: typeof fetch) => edgeCall(Devices, '/api/team/devices', {}, fetchFn)

export const teamKeys = { devices: ['team', 'devices'] as const }

/** The owner's device list, read when Devices opens and after each change; a refusal is a value the card shows. */
export const devicesQuery = (fetchFn?: typeof fetch) =>
  queryOptions({ queryKey: teamKeys.devices, queryFn: () => fetchDevices(fetchFn) })

export const makeJoinCode = (role: Role, fetchFn?: typeof fetch) =>
  edgeCall(JoinCodeResponse, '/api/team/join-codes', { method: 'POST', body: { role } }, fetchFn)

export const removeDevice = (id: DeviceId, fetchFn?: typeof fetch) =>
  edgeCall(RemoveDeviceResponse, `/api/team/devices/${encodeURIComponent(id)}`, { method: 'DELETE' }, fetchFn)

/** Joins with a code; on success the session cookie is set and an old "removed" notice is over. */
export async function joinCompany(
  req: JoinRequest,
  fetchFn?: typeof fetch,
): Promise<Result<JoinResponse, EdgeCallError>> {
  const r = await edgeCall(JoinResponse, '/api/team/join', { method: 'POST', body: req }, fetchFn)
  if (r.ok) {
    clearSessionEnded()
    noteCompany(r.value.companyName)
    return r
  }
  return err({ ...r.error, message: joinRefusal(r.error) })
}

/** What the join screen says when the edge refuses a code. */
export function joinRefusal(e: EdgeCallError): string {
  switch (e.kind) {
    case 'join_code_invalid':
      return (
        'That code did not work: it may be mistyped, already used, or older than 10 minutes. ' +
        'Check it, or ask the owner for a new one (Settings → Devices → Add a device).'
      )
    case 'join_rate_limited': {
      const minutes = Math.max(1, Math.ceil((e.retryAfterMs ?? 60_000) / 60_000))
      return `Too many tries from this device. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`
    }
    case 'offline':
      return 'This device is offline. Joining needs a connection: try again once it is back.'
    default:
      return e.message
  }
}
