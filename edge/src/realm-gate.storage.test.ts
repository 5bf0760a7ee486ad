import { env, runInDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { freshRealm } from '../test/helpers.ts'

describe('RealmGate storage', () => {
  it('holds no token in plain text, in any table', async () => {
    const realmId = freshRealm()
    const stub = env.REALM_GATE.getByName(realmId)
    const tokens = {
      accessToken: 'eyJ-ACCESS-plain-marker',
      refreshToken: 'RT1-REFRESH-plain-marker',
      accessExpiresAt: Date.now() + 3600_000,
      refreshExpiresAt: Date.now() + 8_640_000_000,
    }
    await stub.storeGrant(realmId, tokens)
    const dump = await runInDurableObject(stub, (_instance, state) => {
      const tables = state.storage.sql
        .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
        .toArray()
      return tables.map((t) => JSON.stringify(state.storage.sql.exec(`SELECT * FROM "${t.name}"`).toArray())).join('\n')
    })
    expect(dump).toContain(realmId)
    for (const secret of ['ACCESS-plain-marker', 'REFRESH-plain-marker', btoa(tokens.refreshToken)])
      expect(dump).not.toContain(secret)
    // And it still opens for the gate itself.
    expect((await stub.status(null)).connected).toBe(true)
  })

  it('writes a different ciphertext each time the same tokens are stored', async () => {
    const realmId = freshRealm()
    const stub = env.REALM_GATE.getByName(realmId)
    const tokens = { accessToken: 'a', refreshToken: 'r', accessExpiresAt: 1, refreshExpiresAt: 2 }
    const sealed = async () => {
      await stub.storeGrant(realmId, tokens)
      return runInDurableObject(
        stub,
        (_i, state) =>
          state.storage.sql.exec<{ sealed_tokens: string }>('SELECT sealed_tokens FROM connection').one().sealed_tokens,
      )
    }
    expect(await sealed()).not.toBe(await sealed())
  })
})
