/**
 * @module
 * Intuit's OAuth state for every app and company: authorization codes, connections (grants) and the
 * access and refresh tokens issued under them, with the rules of docs/quickbooks.md §1.4–1.8:
 * single-use codes (a reused code revokes what it issued), access tokens that expire, refresh tokens
 * with a rolling expiry that change value once the current one is older than the rotation interval,
 * a superseded refresh token answered `invalid_grant`, and revocation that disconnects the app.
 * Independent of HTTP; time comes from the injected clock.
 */
import type { Clock } from '../clock.ts'
import { err, ok, type Err, type Result } from '../result.ts'
import type { TokenLifetimes } from '../config.ts'
import { newAccessToken, newAuthorizationCode, newId, newRefreshToken, isMalformedAccessToken } from './token-values.ts'

export type OAuthErrorKind = 'invalid_grant' | 'invalid_request'
export interface OAuthError {
  kind: OAuthErrorKind
  /** Shown as `error_description`. */
  message: string
}

export interface Connection {
  grantId: string
  clientId: string
  realmId: string
  scopes: string[]
  createdAt: number
}

export interface IssuedTokens {
  connection: Connection
  accessToken: string
  expiresIn: number
  refreshToken: string
  refreshExpiresIn: number
  refreshHardExpiresIn: number
}

export type BearerFailure = 'malformed' | 'unknown' | 'expired' | 'revoked'

interface Grant extends Connection {
  revoked: boolean
  currentRefresh: string
}
interface CodeRecord {
  clientId: string
  redirectUri: string
  realmId: string
  scopes: string[]
  expiresAt: number
  usedGrantId: string | null
  used: boolean
}
interface AccessRecord {
  grantId: string
  expiresAt: number
}
interface RefreshRecord {
  grantId: string
  issuedAt: number
  expiresAt: number
}

export interface TokenStore {
  issueCode(input: { clientId: string; redirectUri: string; realmId: string; scopes: string[] }): string
  exchangeCode(input: { clientId: string; code: string; redirectUri: string }): Result<IssuedTokens, OAuthError>
  refresh(input: { clientId: string; refreshToken: string }): Result<IssuedTokens, OAuthError>
  /** Revokes the connection the token belongs to (Intuit: "also removes the app's permission"). */
  revoke(input: { clientId: string; token: string }): Result<Connection, OAuthError>
  authenticate(accessToken: string): Result<Connection, BearerFailure>
  /** Connects an app to a company without the consent page (admin API, tests, benchmarks). */
  connect(input: { clientId: string; realmId: string; scopes: string[] }): IssuedTokens
  expire(filter: TokenFilter & { which: 'access' | 'refresh' | 'both' }): number
  revokeAll(filter: TokenFilter): number
  isConnected(clientId: string, realmId: string): boolean
  connections(): (Connection & { revoked: boolean })[]
  lifetimes(): TokenLifetimes
  setLifetimes(next: TokenLifetimes): void
}

export interface TokenFilter {
  realmId?: string | undefined
  clientId?: string | undefined
}

const invalidGrant = (message: string): Err<OAuthError> => err({ kind: 'invalid_grant', message })

export function createTokenStore(opts: { clock: Clock; lifetimes: TokenLifetimes }): TokenStore {
  const { clock } = opts
  let lifetimes = opts.lifetimes
  const codes = new Map<string, CodeRecord>()
  const grants = new Map<string, Grant>()
  const access = new Map<string, AccessRecord>()
  const refresh = new Map<string, RefreshRecord>()

  const matches = (g: Grant, f: TokenFilter) =>
    (f.realmId === undefined || g.realmId === f.realmId) && (f.clientId === undefined || g.clientId === f.clientId)

  const publicConnection = (g: Grant): Connection => ({
    grantId: g.grantId,
    clientId: g.clientId,
    realmId: g.realmId,
    scopes: [...g.scopes],
    createdAt: g.createdAt,
  })

  function hardExpiry(g: Grant) {
    return g.createdAt + lifetimes.refreshHardCapSeconds * 1000
  }

  function issueAccess(g: Grant, now: number): string {
    const token = newAccessToken()
    access.set(token, { grantId: g.grantId, expiresAt: now + lifetimes.accessTokenSeconds * 1000 })
    return token
  }

  function tokensFor(g: Grant, accessToken: string, now: number): IssuedTokens {
    const r = refresh.get(g.currentRefresh)!
    return {
      connection: publicConnection(g),
      accessToken,
      expiresIn: lifetimes.accessTokenSeconds,
      refreshToken: g.currentRefresh,
      refreshExpiresIn: Math.max(0, Math.floor((r.expiresAt - now) / 1000)),
      refreshHardExpiresIn: Math.max(0, Math.floor((hardExpiry(g) - now) / 1000)),
    }
  }

  function newGrant(clientId: string, realmId: string, scopes: string[]): IssuedTokens {
    const now = clock.now()
    const id = newId()
    const rt = newRefreshToken()
    const g: Grant = { grantId: id, clientId, realmId, scopes, createdAt: now, revoked: false, currentRefresh: rt }
    grants.set(id, g)
    refresh.set(rt, {
      grantId: id,
      issuedAt: now,
      expiresAt: Math.min(now + lifetimes.refreshTokenSeconds * 1000, hardExpiry(g)),
    })
    return tokensFor(g, issueAccess(g, now), now)
  }

  function revokeGrantsLike(g: Grant) {
    // Disconnecting removes the app's access to the company, whichever consent issued the tokens.
    for (const other of grants.values())
      if (other.clientId === g.clientId && other.realmId === g.realmId) other.revoked = true
  }

  return {
    issueCode({ clientId, redirectUri, realmId, scopes }) {
      const code = newAuthorizationCode()
      codes.set(code, {
        clientId,
        redirectUri,
        realmId,
        scopes,
        expiresAt: clock.now() + lifetimes.codeSeconds * 1000,
        usedGrantId: null,
        used: false,
      })
      return code
    },

    exchangeCode({ clientId, code, redirectUri }) {
      const rec = codes.get(code)
      if (rec === undefined || rec.clientId !== clientId) return invalidGrant('Invalid authorization code')
      if (rec.used) {
        // RFC 6749 §4.1.2: a second use of a code revokes the tokens issued from it.
        if (rec.usedGrantId !== null) grants.get(rec.usedGrantId)!.revoked = true
        return invalidGrant('Authorization code has already been used')
      }
      rec.used = true
      if (clock.now() >= rec.expiresAt) return invalidGrant('Authorization code has expired')
      if (rec.redirectUri !== redirectUri) return invalidGrant('redirect_uri does not match the authorization request')
      const issued = newGrant(clientId, rec.realmId, rec.scopes)
      rec.usedGrantId = issued.connection.grantId
      return ok(issued)
    },

    refresh({ clientId, refreshToken }) {
      const now = clock.now()
      const rec = refresh.get(refreshToken)
      const g = rec === undefined ? undefined : grants.get(rec.grantId)
      if (rec === undefined || g === undefined || g.clientId !== clientId)
        return invalidGrant('Incorrect or invalid refresh token')
      if (g.revoked) return invalidGrant('Token invalid')
      if (g.currentRefresh !== refreshToken) return invalidGrant('Incorrect or invalid refresh token')
      if (now >= rec.expiresAt) return invalidGrant('Token invalid')
      if (now - rec.issuedAt >= lifetimes.refreshRotationSeconds * 1000) {
        const rt = newRefreshToken()
        refresh.set(rt, {
          grantId: g.grantId,
          issuedAt: now,
          expiresAt: Math.min(now + lifetimes.refreshTokenSeconds * 1000, hardExpiry(g)),
        })
        g.currentRefresh = rt
      } else {
        rec.expiresAt = Math.min(now + lifetimes.refreshTokenSeconds * 1000, hardExpiry(g))
      }
      return ok(tokensFor(g, issueAccess(g, now), now))
    },

    revoke({ clientId, token }) {
      const grantId = refresh.get(token)?.grantId ?? access.get(token)?.grantId
      const g = grantId === undefined ? undefined : grants.get(grantId)
      if (g === undefined || g.clientId !== clientId)
        return err({ kind: 'invalid_request', message: 'Token not found' })
      revokeGrantsLike(g)
      return ok(publicConnection(g))
    },

    authenticate(accessToken) {
      if (isMalformedAccessToken(accessToken)) return err('malformed')
      const rec = access.get(accessToken)
      const g = rec === undefined ? undefined : grants.get(rec.grantId)
      if (rec === undefined || g === undefined) return err('unknown')
      if (g.revoked) return err('revoked')
      if (clock.now() >= rec.expiresAt) return err('expired')
      return ok(publicConnection(g))
    },

    connect({ clientId, realmId, scopes }) {
      return newGrant(clientId, realmId, scopes)
    },

    expire(filter) {
      const now = clock.now()
      let n = 0
      const wanted = new Set([...grants.values()].filter((g) => matches(g, filter)).map((g) => g.grantId))
      const expireAll = (records: Iterable<AccessRecord | RefreshRecord>) => {
        for (const rec of records) {
          if (!wanted.has(rec.grantId) || rec.expiresAt <= now) continue
          rec.expiresAt = now
          n++
        }
      }
      if (filter.which !== 'refresh') expireAll(access.values())
      if (filter.which !== 'access') expireAll(refresh.values())
      return n
    },

    revokeAll(filter) {
      let n = 0
      for (const g of grants.values()) {
        if (g.revoked || !matches(g, filter)) continue
        g.revoked = true
        n++
      }
      return n
    },

    isConnected(clientId, realmId) {
      for (const g of grants.values()) if (!g.revoked && g.clientId === clientId && g.realmId === realmId) return true
      return false
    },

    connections: () => [...grants.values()].map((g) => ({ ...publicConnection(g), revoked: g.revoked })),
    lifetimes: () => lifetimes,
    setLifetimes(next) {
      lifetimes = next
    },
  }
}
