/**
 * The gate's answer to `/api/session`: the connection, the asking device and the company's count of
 * devices, and what webhooks reported since `changesSince`. A grant only a reconnect can revive says
 * needsReconnect: Intuit refused its refresh token, that token's time is up, or the sealed pair no
 * longer opens.
 */
import { toDevice } from '../team/devices.ts'
import type { Team } from '../team/team.ts'
import type { GateStatus, Held } from './outcomes.ts'
import * as store from './store.ts'

export function readStatus(
  sql: SqlStorage,
  team: Team,
  held: Held,
  deviceId: string | null,
  changesSince: number,
): GateStatus {
  const row = store.readConnection(sql)
  const admitted = deviceId === null ? null : team.admit(deviceId, 'records')
  const refused = admitted?.ok === false && admitted.error.code === 'device_removed' ? admitted.error : null
  const current = row !== null && row.sealed_tokens !== null && admitted?.ok !== false
  const refreshLapsed = row?.refresh_expires_at != null && row.refresh_expires_at <= Date.now()
  const dead = row?.needs_reconnect === 1 || refreshLapsed || held.kind === 'unreadable'
  return {
    connected: current,
    realmId: row?.realm_id ?? null,
    companyName: row?.company_name ?? null,
    refreshExpiresAt: row?.refresh_expires_at ?? null,
    needsReconnect: current && dead,
    changes: { seq: store.latestChangeSeq(sql), entities: store.changesAfter(sql, changesSince) },
    device: admitted?.ok ? toDevice(admitted.value) : null,
    deviceCount: team.count(),
    refused,
  }
}
