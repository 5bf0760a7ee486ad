/**
 * Intuit's token endpoint (code exchange, refresh) and revoke endpoint, with HTTP Basic client
 * authentication. URLs come from config, so Intuit, its sandbox or the emulator answer alike.
 * Failures are values: `invalid_grant` means the grant is dead (reconnect), `unavailable` that
 * trying again later may work.
 */
import { z } from 'zod'
import { err, ok, type Result } from '#shared/result.ts'
import type { Config } from '../env.ts'

export const TokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive(),
  x_refresh_token_expires_in: z.coerce.number().positive(),
})

/** A grant's tokens as the gate keeps them (sealed in its storage, read back through this schema). */
export const TokenPair = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  /** Epoch ms. */
  accessExpiresAt: z.number(),
  refreshExpiresAt: z.number(),
})
export type TokenPair = z.infer<typeof TokenPair>

export type TokenFailure = { kind: 'invalid_grant' | 'unavailable' | 'rejected'; message: string; status?: number }
export type TokenResult = Result<TokenPair, TokenFailure>

type OAuthConfig = Pick<
  Config,
  'tokenUrl' | 'revokeUrl' | 'clientId' | 'clientSecret' | 'redirectUri' | 'oauthTimeoutMs'
>

function basicAuth(c: OAuthConfig): string {
  // RFC 6749 §2.3.1: form-encode id and secret before joining them.
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+')
  return `Basic ${btoa(`${enc(c.clientId)}:${enc(c.clientSecret)}`)}`
}

export function exchangeCode(c: OAuthConfig, code: string, now: number): Promise<TokenResult> {
  return tokenRequest(
    c,
    new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: c.redirectUri }),
    now,
  )
}

export function refreshTokens(c: OAuthConfig, refreshToken: string, now: number): Promise<TokenResult> {
  return tokenRequest(c, new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }), now)
}

async function tokenRequest(c: OAuthConfig, form: URLSearchParams, now: number): Promise<TokenResult> {
  let res: Response
  try {
    res = await fetch(c.tokenUrl, {
      method: 'POST',
      headers: {
        Authorization: basicAuth(c),
        Accept: 'application/json',
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: form.toString(),
      signal: AbortSignal.timeout(c.oauthTimeoutMs),
    })
  } catch (e) {
    return err({ kind: 'unavailable', message: `Intuit's token endpoint could not be reached (${String(e)}).` })
  }
  const text = await res.text()
  if (res.status >= 500) {
    return err({ kind: 'unavailable', status: res.status, message: `Intuit's token endpoint answered ${res.status}.` })
  }
  const body = safeJson(text)
  if (!res.ok) {
    const error = z.object({ error: z.string(), error_description: z.string().optional() }).safeParse(body)
    const name = error.success ? error.data.error : `HTTP ${res.status}`
    const description = error.success && error.data.error_description ? `: ${error.data.error_description}` : ''
    const kind = name === 'invalid_grant' ? 'invalid_grant' : 'rejected'
    return err({ kind, status: res.status, message: `Intuit refused the token request (${name}${description}).` })
  }
  const parsed = TokenResponse.safeParse(body)
  if (!parsed.success) {
    return err({ kind: 'unavailable', status: res.status, message: "Intuit's token response was not understood." })
  }
  const t = parsed.data
  return ok({
    accessToken: t.access_token,
    refreshToken: t.refresh_token,
    accessExpiresAt: now + t.expires_in * 1000,
    refreshExpiresAt: now + t.x_refresh_token_expires_in * 1000,
  })
}

/** Revokes a token (Intuit revokes the whole grant). True when Intuit confirmed. */
export async function revokeToken(c: OAuthConfig, token: string): Promise<boolean> {
  try {
    const res = await fetch(c.revokeUrl, {
      method: 'POST',
      headers: { Authorization: basicAuth(c), Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ token }),
      signal: AbortSignal.timeout(c.oauthTimeoutMs),
    })
    await res.body?.cancel()
    return res.ok
  } catch {
    return false
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
