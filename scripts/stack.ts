// Starts the local stack — QuickBooks emulator, edge (wrangler dev) and web
// (vite) — each in its own process group so that one signal stops all of it.
// The production build comes first: wrangler.toml serves it as the Worker's assets.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { appBuildDir } from './app-build.ts'
import { ports } from './ports.ts'
import { edgeVars } from './edge-vars.ts'

export interface StackOptions {
  /** `production`: vite build + preview, service worker on (what a contractor gets); `dev`: the dev server, hot reload. */
  mode?: 'production' | 'dev'
  /** Earlier spelling: true is `mode: 'production'`, false `mode: 'dev'`. */
  preview?: boolean
  /** Directory for wrangler's local Durable Object state; wiped first when `fresh`. */
  persistTo: string
  fresh: boolean
  log: (line: string) => void
}

const quiet = { WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_HIDE_BANNER: 'true' }
const emulatorEntry = 'e2e/qbo-emulator/src/serve.ts'

export const urls = {
  web: `http://127.0.0.1:${ports.web}`,
  edge: `http://127.0.0.1:${ports.edge}`,
  emulator: `http://127.0.0.1:${ports.emulator}`,
}

export function emulatorPresent(): boolean {
  return existsSync(emulatorEntry)
}

export async function startStack(opts: StackOptions): Promise<() => Promise<void>> {
  const mode = opts.mode ?? (opts.preview === false ? 'dev' : 'production')
  const children: ChildProcess[] = []
  const stop = async () => {
    await Promise.all(children.map(stopGroup))
  }
  const run = (name: string, cmd: string, args: string[], env: Record<string, string> = {}) => {
    // detached: a process group of its own, so wrangler's workerd children stop with it.
    const child = spawn(cmd, args, {
      detached: true,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    children.push(child)
    const prefix = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) opts.log(`[${name}] ${line}`)
    }
    child.stdout?.on('data', prefix)
    child.stderr?.on('data', prefix)
    return child
  }

  try {
    if (emulatorPresent()) {
      // Register the OAuth callback of the web port actually in use (Intuit matches redirect URIs exactly).
      const callbacks = [urls.web, `http://localhost:${ports.web}`].flatMap((origin) => [
        '--redirect-uri',
        `${origin}/auth/intuit/callback`,
      ])
      // Deliver its webhooks to the edge, signed with the verifier the edge checks.
      const webhook = [
        '--webhook-url',
        `${urls.edge}/webhooks/intuit`,
        '--webhook-verifier',
        edgeVars(process.env).INTUIT_WEBHOOK_VERIFIER ?? '',
      ]
      run('qbo', 'node', [emulatorEntry, '--port', String(ports.emulator), '--seed', 'small', ...callbacks, ...webhook])
      await waitFor(`${urls.emulator}/health`, 'QuickBooks emulator')
    }
    if (mode === 'production') {
      await new Promise<void>((resolve, reject) => {
        const build = run('build', 'vite', ['build', '--logLevel', 'warn'])
        build.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))))
      })
    } else {
      // The dev server serves the app itself; the edge only needs the assets folder to exist.
      mkdirSync(appBuildDir, { recursive: true })
    }
    if (opts.fresh) rmSync(opts.persistTo, { recursive: true, force: true })
    const vars = Object.entries(edgeVars(process.env)).flatMap(([k, v]) => ['--var', `${k}:${v}`])
    run(
      'edge',
      'wrangler',
      [
        'dev',
        '--ip',
        '127.0.0.1',
        '--port',
        String(ports.edge),
        '--inspector-port',
        String(ports.edge + 1000),
        '--persist-to',
        opts.persistTo,
        '--show-interactive-dev-session=false',
        '--log-level',
        'warn',
        ...vars,
      ],
      quiet,
    )
    await waitFor(`${urls.edge}/health`, 'edge worker')
    if (mode === 'production') run('web', 'vite', ['preview'])
    else run('web', 'vite', ['--logLevel', 'warn'])
    await waitFor(urls.web, 'web app')
  } catch (err) {
    await stop()
    throw err
  }
  return stop
}

async function waitFor(url: string, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let last = ''
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url)
      if (res.status < 500) return
      last = `HTTP ${res.status}`
    } catch (err) {
      last = err instanceof Error ? err.message : String(err)
    }
    await new Promise((r) => setTimeout(r, 150))
  }
  throw new Error(`${what} did not answer at ${url} within ${timeoutMs / 1000}s (${last})`)
}

function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve()
  return new Promise((resolve) => {
    const kill = setTimeout(() => signal(child.pid!, 'SIGKILL'), 5_000)
    child.once('exit', () => {
      clearTimeout(kill)
      resolve()
    })
    signal(child.pid!, 'SIGTERM')
  })
}

function signal(pid: number, sig: NodeJS.Signals) {
  try {
    process.kill(-pid, sig)
  } catch {
    // already gone
  }
}
