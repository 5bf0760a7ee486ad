/**
 * A refresh whose answer is lost (network, time-out, 5xx) may never have reached Intuit, or Intuit
 * kept the refresh token (it issues a new one about once a day): the same token is sent again, a
 * little later, before the edge gives up for now. Only Intuit's own `invalid_grant` ends a connection.
 */
import type { Config } from '../env.ts'
import { refreshTokens, type TokenResult } from './oauth-client.ts'

const RETRY_DELAYS_MS = [250, 1000]

/** `superseded` stops the retries once the grant this refresh started from was replaced. */
export async function refreshWithRetry(
  config: Config,
  refreshToken: string,
  superseded: () => boolean,
): Promise<TokenResult> {
  let result = await refreshTokens(config, refreshToken, Date.now())
  for (const delay of RETRY_DELAYS_MS) {
    if (result.ok || result.error.kind !== 'unavailable' || superseded()) break
    console.warn('refresh answer lost; trying again', { detail: result.error.message })
    await new Promise((resolve) => setTimeout(resolve, delay))
    result = await refreshTokens(config, refreshToken, Date.now())
  }
  return result
}
