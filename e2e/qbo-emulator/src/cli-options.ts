/**
 * @module
 * The emulator's command line, parsed and validated with zod into `startEmulator` options. Flags
 * mirror the Keys tab of Intuit's developer portal (client id, secret, redirect URIs, repeatable)
 * and its Webhooks page (endpoint URL, verifier token).
 */
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { err, ok, type Result } from './result.ts'
import {
  SeedSchema,
  defaultApp,
  type AppRegistrationInput,
  type ChaosConfigInput,
  type Seed,
  type TokenChaosConfigInput,
} from './config.ts'

export interface CliOptions {
  port: number
  seed: Seed
  timeScale: number
  chaos: ChaosConfigInput
  tokenChaos: TokenChaosConfigInput
  apps: [AppRegistrationInput]
}

const CliSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(9400),
  seed: SeedSchema.default('small'),
  chaos: z.coerce.number().min(0).max(1).default(0),
  'chaos-seed': z.coerce.number().int().default(1),
  'token-chaos': z.coerce.number().min(0).max(1).default(0),
  'time-scale': z.coerce.number().positive().default(1),
  'client-id': z.string().min(1).default(defaultApp.clientId),
  'client-secret': z.string().min(1).default(defaultApp.clientSecret),
  'redirect-uri': z
    .array(z.url())
    .min(1)
    .default([...defaultApp.redirectUris]),
  'webhook-url': z.url().optional(),
  'webhook-verifier': z.string().min(1).optional(),
})

/** Why the command line was refused, in words for the person who typed it. */
export interface CliError {
  kind: 'invalid_arguments'
  message: string
}

const invalid = (message: string) => err<CliError>({ kind: 'invalid_arguments', message })

export function parseCli(argv: string[]): Result<CliOptions, CliError> {
  let values: Record<string, unknown>
  try {
    values = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        seed: { type: 'string' },
        chaos: { type: 'string' },
        'chaos-seed': { type: 'string' },
        'token-chaos': { type: 'string' },
        'time-scale': { type: 'string' },
        'client-id': { type: 'string' },
        'client-secret': { type: 'string' },
        'redirect-uri': { type: 'string', multiple: true },
        'webhook-url': { type: 'string' },
        'webhook-verifier': { type: 'string' },
      },
    }).values
  } catch (e) {
    return invalid(e instanceof Error ? e.message : String(e))
  }
  const r = CliSchema.safeParse(values)
  if (!r.success) return invalid(z.prettifyError(r.error))
  const a = r.data
  if ((a['webhook-url'] === undefined) !== (a['webhook-verifier'] === undefined))
    return invalid('--webhook-url and --webhook-verifier go together')
  const webhook =
    a['webhook-url'] !== undefined && a['webhook-verifier'] !== undefined
      ? { url: a['webhook-url'], verifierToken: a['webhook-verifier'] }
      : undefined
  return ok({
    port: a.port,
    seed: a.seed,
    timeScale: a['time-scale'],
    chaos: { probability: a.chaos, seed: a['chaos-seed'] },
    tokenChaos: { probability: a['token-chaos'], seed: a['chaos-seed'] },
    apps: [
      {
        clientId: a['client-id'],
        clientSecret: a['client-secret'],
        appName: defaultApp.appName,
        redirectUris: a['redirect-uri'],
        ...(webhook === undefined ? {} : { webhook }),
      },
    ],
  })
}
