/**
 * Test worlds for the platform half: an emulator over a stub company module with a manual clock,
 * served on a free loopback port, plus helpers that go through Intuit's OAuth flow over HTTP.
 */
import { createEmulator, type Emulator, type EmulatorOptions } from '../src/app.ts'
import { createManualClock, type ControllableClock } from '../src/clock.ts'
import { defaultApp } from '../src/config.ts'
import { listen, type Listening } from '../src/listen.ts'
import { realmA, stubCompanies, type StubCompanies } from './stub-companies.ts'

export const app = defaultApp
export const redirectUri = defaultApp.redirectUris[0]
export const basic = (id: string = app.clientId, secret: string = app.clientSecret) =>
  `Basic ${btoa(`${id}:${secret}`)}`

export interface World {
  emu: Emulator
  stub: StubCompanies
  clock: ControllableClock
  url: string
  close(): Promise<void>
}

export async function startWorld(opts: Partial<Omit<EmulatorOptions, 'companies'>> = {}): Promise<World> {
  const stub = stubCompanies()
  const clock = opts.clock ?? createManualClock()
  const emu = createEmulator({ ...opts, companies: stub, clock })
  const server: Listening = await listen(emu)
  return { emu, stub, clock, url: server.url, close: server.close }
}

export function authorizeUrl(w: World, params: Record<string, string> = {}): string {
  const u = new URL('/connect/oauth2', w.url)
  const all = {
    client_id: app.clientId,
    response_type: 'code',
    scope: 'com.intuit.quickbooks.accounting openid email',
    redirect_uri: redirectUri,
    state: 'st-123',
    ...params,
  }
  for (const [k, v] of Object.entries(all)) u.searchParams.set(k, v)
  return u.toString()
}

/** Submits the consent form as the user would; returns the redirect Location. */
export async function consent(
  w: World,
  decision: 'connect' | 'cancel',
  realmId = realmA,
  params: Record<string, string> = {},
): Promise<URL> {
  const form = new URLSearchParams({
    client_id: app.clientId,
    redirect_uri: redirectUri,
    scope: 'com.intuit.quickbooks.accounting openid email',
    state: 'st-123',
    response_type: 'code',
    realmId,
    decision,
    ...params,
  })
  const res = await fetch(`${w.url}/connect/oauth2`, { method: 'POST', body: form, redirect: 'manual' })
  if (res.status !== 302) throw new Error(`consent answered ${res.status}: ${await res.text()}`)
  return new URL(res.headers.get('location')!)
}

export async function tokenRequest(
  w: World,
  form: Record<string, string>,
  authorization: string | null = basic(),
): Promise<Response> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
  }
  if (authorization !== null) headers.Authorization = authorization
  return fetch(`${w.url}/oauth2/v1/tokens/bearer`, { method: 'POST', headers, body: new URLSearchParams(form) })
}

export interface TokenBody {
  access_token: string
  refresh_token: string
  expires_in: number
  x_refresh_token_expires_in: number
  token_type: string
  id_token?: string
}

/** The whole flow: consent, then code exchange. */
export async function connect(w: World, realmId = realmA): Promise<TokenBody & { realmId: string }> {
  const loc = await consent(w, 'connect', realmId)
  const res = await tokenRequest(w, {
    grant_type: 'authorization_code',
    code: loc.searchParams.get('code')!,
    redirect_uri: redirectUri,
  })
  if (res.status !== 200) throw new Error(`token exchange answered ${res.status}`)
  return { ...((await res.json()) as TokenBody), realmId }
}

export function api(w: World, token: string, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${w.url}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(init.headers ?? {}) },
  })
}
