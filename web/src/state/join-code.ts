/**
 * Join codes as people see and type them: shown as XXXX-XXXX, read forgivingly (any case, spaces, dashes), and
 * the minutes left before one lapses.
 * @module
 */
import { JoinCode } from '#shared/api/index.ts'
import { err, ok, type Result } from '#shared/result.ts'

/** `K7QM3XPA` → `K7QM-3XPA`; anything else is shown as it came. */
export function showJoinCode(code: string): string {
  const c = code.toUpperCase().replace(/[\s-]/g, '')
  return c.length === 8 ? `${c.slice(0, 4)}-${c.slice(4)}` : code
}

/** A typed code, checked as the edge will check it; the message says what is wrong with it. */
export function readJoinCode(typed: string): Result<JoinCode, string> {
  const r = JoinCode.safeParse(typed)
  return r.success ? ok(r.data) : err(r.error.issues[0]?.message ?? 'That is not a join code')
}

/** `9:05` left, or undefined once the code has lapsed. */
export function timeLeft(expiresAt: string, now: number): string | undefined {
  const s = Math.ceil((Date.parse(expiresAt) - now) / 1000)
  if (!(s > 0)) return undefined
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}
