import { z } from 'zod'

// Intuit's OAuth 2.0 token endpoint and OpenID discovery document.

/** Successful code exchange or refresh. Always persist the refresh_token of the latest answer. */
export const QboTokenResponse = z.looseObject({
  token_type: z.string(),
  access_token: z.string().min(1),
  /** Access-token lifetime in seconds (3600). */
  expires_in: z.number().int().positive(),
  refresh_token: z.string().min(1),
  /** Seconds left on the rolling refresh-token life (about 100 days). */
  x_refresh_token_expires_in: z.number().int().nonnegative(),
  /** Remaining life under the five-year cap; only sent on request (header name unconfirmed). */
  x_refresh_token_hard_expires_in: z.number().int().nonnegative().optional(),
  /** Only when the `openid` scope was granted. */
  id_token: z.string().optional(),
})
export type QboTokenResponse = z.infer<typeof QboTokenResponse>

/** HTTP 400 body, e.g. `{"error": "invalid_grant", "error_description": "Token invalid"}`. */
export const QboTokenError = z.looseObject({
  error: z.string().min(1),
  error_description: z.string().optional(),
})
export type QboTokenError = z.infer<typeof QboTokenError>

export const QboOpenIdDiscovery = z.looseObject({
  issuer: z.url(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  userinfo_endpoint: z.url().optional(),
  revocation_endpoint: z.url().optional(),
  jwks_uri: z.url(),
  response_types_supported: z.array(z.string()).optional(),
  subject_types_supported: z.array(z.string()).optional(),
  id_token_signing_alg_values_supported: z.array(z.string()).optional(),
  scopes_supported: z.array(z.string()).optional(),
  token_endpoint_auth_methods_supported: z.array(z.string()).optional(),
  claims_supported: z.array(z.string()).optional(),
})
export type QboOpenIdDiscovery = z.infer<typeof QboOpenIdDiscovery>
