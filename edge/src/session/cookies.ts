/**
 * Cookie names and attributes. `__Host-` names, so the browser only keeps them when they are
 * Secure, host-only and for Path=/ (no sibling subdomain or path can set or shadow them). Chromium
 * and Firefox accept Secure cookies from http://localhost and http://127.0.0.1, so the local stack
 * works too. HttpOnly and SameSite=Lax always (Lax lets the session ride on Intuit's top-level
 * redirect back to the callback).
 */
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'

export const SESSION_COOKIE = '__Host-fs_session'
export const STATE_COOKIE = '__Host-fs_oauth_state'

/** How long the signed state inside the cookie is honoured. */
export const STATE_TTL_SECONDS = 600
/**
 * The cookie outlives its signed state by far, so a browser that took too long still sends it back
 * and hears "took too long" (state_expired) rather than "did not start in this browser".
 */
export const STATE_COOKIE_MAX_AGE_SECONDS = 24 * 3600

const attributes = { httpOnly: true, sameSite: 'Lax', secure: true, path: '/' } as const

export function setSessionCookie(c: Context, token: string, maxAge: number): void {
  setCookie(c, SESSION_COOKIE, token, { ...attributes, maxAge })
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, attributes)
}

export function setStateCookie(c: Context, token: string): void {
  setCookie(c, STATE_COOKIE, token, { ...attributes, maxAge: STATE_COOKIE_MAX_AGE_SECONDS })
}

export function clearStateCookie(c: Context): void {
  deleteCookie(c, STATE_COOKIE, attributes)
}

export const readSessionCookie = (c: Context) => getCookie(c, SESSION_COOKIE)
export const readStateCookie = (c: Context) => getCookie(c, STATE_COOKIE)
