/**
 * @module
 * The emulator as a process, and `startEmulator()` for vitest globalSetup files and benchmarks.
 *
 *   npm run emulator -- --port 9400 --seed small|large|none --chaos 0.1 --token-chaos 0.05 --chaos-seed 7 --time-scale 60 \
 *     --client-id X --client-secret Y --redirect-uri U [--redirect-uri U2 …] --webhook-url W --webhook-verifier V
 *
 * Binds 127.0.0.1 and prints its base URL; point any QuickBooks client at it by changing only the host.
 *
 * @example
 * const emu = await startEmulator({ port: 0, seed: 'small', timeScale: 60 })
 * // … emu.url is e.g. http://127.0.0.1:40123
 * await emu.close()
 */
import { createEmulator, type Emulator, type EmulatorOptions } from './app.ts'
import { createClock, type ControllableClock } from './clock.ts'
import type { ApiBehaviourInput, AppRegistrationInput, Seed } from './config.ts'
import { parseCli } from './cli-options.ts'
import type { CompaniesPort } from './companies-port.ts'
import { createCompanies } from './company/index.ts'
import { listen } from './listen.ts'

export interface StartEmulatorOptions extends Partial<Omit<EmulatorOptions, 'companies' | 'clock' | 'apps'>> {
  /** 0 (default) picks a free port. */
  port?: number
  hostname?: string
  seed?: Seed
  /** Emulator ms per real ms; 60 runs Intuit's minute in a second. Ignored when `clock` is given. */
  timeScale?: number
  clock?: ControllableClock
  /** Defaults to Fieldsync's local app. */
  apps?: AppRegistrationInput[]
  /** Inject a company module (tests); by default one is created from `seed`. */
  companies?: CompaniesPort
  /** Behaviour Intuit leaves undocumented, for the companies created from `seed`. */
  behaviour?: ApiBehaviourInput
}

export interface RunningEmulator {
  url: string
  port: number
  emulator: Emulator
  clock: ControllableClock
  close(): Promise<void>
}

export async function startEmulator(opts: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const { port, hostname, seed, timeScale, clock: givenClock, companies: givenCompanies, behaviour, ...rest } = opts
  const clock = givenClock ?? createClock({ timeScale: timeScale ?? 1 })
  const companies =
    givenCompanies ?? createCompanies({ clock, seed: seed ?? 'small', ...(behaviour ? { behaviour } : {}) })
  const emulator = createEmulator({ ...rest, companies, clock })
  const server = await listen(emulator, { port: port ?? 0, hostname: hostname ?? '127.0.0.1' })
  return { url: server.url, port: server.port, emulator, clock, close: server.close }
}

async function main() {
  const parsed = parseCli(process.argv.slice(2))
  if (!parsed.ok) {
    console.error(`qbo-emulator: ${parsed.error.message}`)
    process.exit(2)
  }
  const o = parsed.value
  const running = await startEmulator(o)
  const app = o.apps[0]
  console.log(`QuickBooks Online emulator listening on ${running.url}`)
  console.log(
    `  companies: ${
      running.emulator.companies
        .list()
        .map((c) => `${c.companyName} (${c.realmId})`)
        .join(', ') || 'none'
    }`,
  )
  console.log(`  app: client_id=${app.clientId}  redirect URIs: ${app.redirectUris.join(' ')}`)
  console.log(`  discovery: ${running.url}/.well-known/openid_configuration   admin: ${running.url}/__admin`)
  if (o.timeScale !== 1)
    console.log(`  time scale: ${o.timeScale}× (an Intuit minute every ${(60 / o.timeScale).toFixed(2)} s)`)
  if ((o.chaos.probability ?? 0) > 0) console.log(`  chaos: ${o.chaos.probability} with seed ${o.chaos.seed}`)
  if ((o.tokenChaos.probability ?? 0) > 0)
    console.log(`  token endpoint chaos: ${o.tokenChaos.probability} with seed ${o.tokenChaos.seed}`)
  if (app.webhook !== undefined) console.log(`  webhooks → ${app.webhook.url}`)
  const stop = async () => {
    await running.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

if (import.meta.main) await main()
