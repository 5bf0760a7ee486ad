/** The team's bookkeeping inside a RealmGate: last-seen writes at most once a minute, admission order. */
import { env, runInDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { freshRealm } from '../../test/helpers.ts'
import * as store from '../gate/store.ts'
import { insertDevice, readDevice } from './devices.ts'
import { SEEN_EVERY_MS, Team } from './team.ts'

describe('Team', () => {
  it('writes a device’s last-seen time at most once a minute', async () => {
    const realmId = freshRealm()
    await runInDurableObject(env.REALM_GATE.getByName(realmId), (_gate, state) => {
      const sql = state.storage.sql
      store.writeGrant(sql, realmId, 'grant-0', { sealed: 'x', accessExpiresAt: 1, refreshExpiresAt: 2 }, 0)
      const t0 = 1_000_000
      insertDevice(sql, 'device-0000000000000', 'Tablet', 'crew', t0)
      const team = new Team(sql)
      expect(team.admit('device-0000000000000', 'records', undefined, t0 + SEEN_EVERY_MS - 1).ok).toBe(true)
      expect(readDevice(sql, 'device-0000000000000')?.last_seen_at).toBe(t0)
      expect(team.admit('device-0000000000000', 'records', undefined, t0 + SEEN_EVERY_MS).ok).toBe(true)
      expect(readDevice(sql, 'device-0000000000000')?.last_seen_at).toBe(t0 + SEEN_EVERY_MS)
    })
  })

  it('says not connected before anything else, then an unknown device, then a removed one, then the role', async () => {
    const realmId = freshRealm()
    await runInDurableObject(env.REALM_GATE.getByName(realmId), (_gate, state) => {
      const sql = state.storage.sql
      const team = new Team(sql)
      expect(team.admit('nobody-000000000000', 'records')).toMatchObject({ error: { code: 'not_connected' } })
      store.writeGrant(sql, realmId, 'grant-0', { sealed: 'x', accessExpiresAt: 1, refreshExpiresAt: 2 }, 0)
      expect(team.admit('nobody-000000000000', 'records')).toMatchObject({ error: { code: 'session_ended' } })
      insertDevice(sql, 'crew-00000000000000', 'Tablet', 'crew', 0)
      expect(team.admit('crew-00000000000000', 'deleteInQuickBooks')).toMatchObject({
        error: { code: 'forbidden_role' },
      })
      insertDevice(sql, 'owner-0000000000000', 'PC', 'owner', 0)
      expect(team.remove('crew-00000000000000', 'owner-0000000000000').ok).toBe(true)
      expect(team.admit('crew-00000000000000', 'records')).toMatchObject({ error: { code: 'device_removed' } })
      expect(team.count()).toBe(1)
    })
  })
})
