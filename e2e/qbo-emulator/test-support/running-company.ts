/**
 * The whole emulator over real HTTP on a free loopback port, with the small seed at a manual clock and a
 * connected app: for company rules whose point is what goes over the wire (encoding, statuses, headers).
 */
import { createManualClock } from '../src/clock.ts'
import { startEmulator, type RunningEmulator, type StartEmulatorOptions } from '../src/serve.ts'
import { SMALL_REALM_ID } from '../src/seeds/small.ts'

export interface WireReply {
  status: number
  body: Record<string, unknown>
}

export interface RunningCompany {
  emu: RunningEmulator
  realmId: string
  token: string
  /** `path` is below `/v3/company/{realmId}`. */
  get(path: string): Promise<WireReply>
  post(path: string, body: unknown, contentType?: string): Promise<WireReply>
  close(): Promise<void>
}

export async function startCompany(opts: StartEmulatorOptions = {}): Promise<RunningCompany> {
  const emu = await startEmulator({
    port: 0,
    seed: 'small',
    clock: createManualClock(Date.parse('2026-03-01T18:00:00Z')),
    ...opts,
  })
  const realmId = SMALL_REALM_ID
  const token = emu.emulator.tokens.connect({
    clientId: 'fieldsync-local',
    realmId,
    scopes: ['com.intuit.quickbooks.accounting'],
  }).accessToken
  const call = async (path: string, init: RequestInit = {}): Promise<WireReply> => {
    const res = await fetch(`${emu.url}/v3/company/${realmId}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(init.headers ?? {}) },
    })
    return { status: res.status, body: (await res.json()) as Record<string, unknown> }
  }
  return {
    emu,
    realmId,
    token,
    get: (path) => call(path),
    post: (path, body, contentType = 'application/json') =>
      call(path, {
        method: 'POST',
        headers: { 'Content-Type': contentType },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    close: () => emu.close(),
  }
}

/** First error of a Fault body (`{"Fault": …}`), or undefined. */
export function wireFault(r: WireReply): { code?: string; Message?: string; Detail?: string } | undefined {
  const fault = r.body.Fault as { Error?: { code?: string; Message?: string; Detail?: string }[] } | undefined
  return fault?.Error?.[0]
}
