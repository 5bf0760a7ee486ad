import { SELF, env, runInDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'

describe('edge health', () => {
  it('answers /health from workerd', async () => {
    const res = await SELF.fetch('https://edge.test/health')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true, service: 'fieldsync-edge' })
  })

  it('reaches the RealmGate Durable Object by realm name', async () => {
    const stub = env.REALM_GATE.getByName('realm-1')
    expect(await stub.ping()).toBe('ok')
    const isGate = await runInDurableObject(stub, (instance) => instance.constructor.name)
    expect(isGate).toBe('RealmGate')
  })
})
