/**
 * Cookie names and attributes. HttpOnly and SameSite=Lax always (Lax lets the session ride on
 * Intuit's top-level redirect back to the callback); Secure unless the app runs on plain-http loopback.
 */
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'

export const SESSION_COOKIE = 'fs_session'
export const STATE_COOKIE = 'fs_oauth_state'
export const STATE_COOKIE_PATH = '/auth/intuit'
/** How long the signed state inside the cookie is honoured. */
export const STATE_TTL_SECONDS = 600
/**
 * The cookie outlives its signed state by far, so a browser that took too long still sends it back
 * and hears "took too long" (state_expired) rather than "did not start in this browser".
 */
export const STATE_COOKIE_MAX_AGE_SECONDS = 24 * 3600

export function isSecureOrigin(appOrigin: string): boolean {
  const u = new URL(appOrigin)
  const loopback = u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]'
  return !(u.protocol === 'http:' && loopback)
}

const base = (appOrigin: string) => ({ httpOnly: true, sameSite: 'Lax' as const, secure: isSecureOrigin(appOrigin) })

export function setSessionCookie(c: Context, appOrigin: string, token: string, maxAge: number): void {
  setCookie(c, SESSION_COOKIE, token, { ...base(appOrigin), path: '/', maxAge })
}

export function clearSessionCookie(c: Context, appOrigin: string): void {
  deleteCookie(c, SESSION_COOKIE, { ...base(appOrigin), path: '/' })
}

export function setStateCookie(c: Context, appOrigin: string, token: string): void {
  setCookie(c, STATE_COOKIE, token, {
    ...base(appOrigin),
    path: STATE_COOKIE_PATH,
    maxAge: STATE_COOKIE_MAX_AGE_SECONDS,
  })
}

export function clearStateCookie(c: Context, appOrigin: string): void {
  deleteCookie(c, STATE_COOKIE, { ...base(appOrigin), path: STATE_COOKIE_PATH })
}

export const readSessionCookie = (c: Context) => getCookie(c, SESSION_COOKIE)
export const readStateCookie = (c: Context) => getCookie(c, STATE_COOKIE)
