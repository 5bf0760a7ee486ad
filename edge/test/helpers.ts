/** Shared helpers for the edge's workerd tests. */
import { env, runInDurableObject } from 'cloudflare:test'
import { RealmId } from '#shared/ids.ts'
import { DeviceId } from '#shared/api/team.ts'
import { readConfig, type Config } from '../src/env.ts'
import { SESSION_COOKIE } from '../src/session/cookies.ts'
import { signSession } from '../src/session/tokens.ts'
import { insertDevice } from '../src/team/devices.ts'

export const EDGE = 'http://127.0.0.1:8787'

/** The configuration the edge runs with in these tests. */
export function testConfig(): Config {
  const config = readConfig(env)
  if (!config.ok) throw new Error(config.error.message)
  return config.value
}

/** A unique realm id per test, so Durable Objects and emulator companies never leak between tests. */
export const freshRealm = (): string => `9${Math.floor(Math.random() * 1e12)}`

/** A valid session cookie for `realmId`; `device` is a device id storeGrant or joinDevice returned (any other: none the company has). */
export async function sessionCookieFor(realmId: string, device = 'a-device-this-realm-never-had'): Promise<string> {
  const token = await signSession(
    testConfig().sessionKeys,
    { realmId: RealmId.parse(realmId), device: DeviceId.parse(device) },
    3600,
    Date.now(),
  )
  return `${SESSION_COOKIE}=${token}`
}

/** Collects Set-Cookie headers into one Cookie header, as a browser would send them back. */
export function cookiesFrom(res: Response, jar: Map<string, string> = new Map()): Map<string, string> {
  for (const line of res.headers.getSetCookie()) {
    const [pair = '', ...attrs] = line.split(';')
    const eq = pair.indexOf('=')
    const name = pair.slice(0, eq).trim()
    const value = pair.slice(eq + 1).trim()
    const expired = attrs.some((a) => /max-age=0/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()))
    if (expired || value === '') jar.delete(name)
    else jar.set(name, value)
  }
  return jar
}

export const cookieHeader = (jar: Map<string, string>): string => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')

/** Adds an owner device to `realmId`'s gate straight in its table (for grants written there by hand); its id. */
export async function addOwner(realmId: string): Promise<string> {
  const id = `owner-${crypto.randomUUID()}`
  await runInDurableObject(env.REALM_GATE.getByName(realmId), (_gate, state) => {
    insertDevice(state.storage.sql, id, 'Test owner', 'owner', Date.now())
  })
  return id
}
