// `npm run deploy`: builds the web app and deploys the one Worker that serves it beside the edge's routes and the
// RealmGate Durable Object (wrangler.toml). Arguments go on to `wrangler deploy`: `npm run deploy -- --dry-run`
// bundles everything without a Cloudflare login or network (it runs in `npm test`); `-- --env production` or
// `-- --var NAME:value` work as wrangler documents them.
import { spawnSync } from 'node:child_process'
import { buildApp } from './app-build.ts'

const args = process.argv.slice(2)
const dryRun = args.includes('--dry-run')

// Nothing leaves the machine in a dry run: no metrics, no Request.cf fetch, no update check.
const quiet = { WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_HIDE_BANNER: 'true' }

try {
  console.log('Building the web app…')
  buildApp()
  const outdir = dryRun && !args.includes('--outdir') ? ['--outdir', '.wrangler/deploy'] : []
  // wrangler.toml also defines `production`: without --env, say so, which is the sandbox Worker at the top level.
  const named = args.some((a) => a === '-e' || a === '--env' || a.startsWith('--env=') || a.startsWith('-e='))
  const env = named ? [] : ['--env=']
  console.log(dryRun ? 'Bundling the Worker (dry run: nothing is uploaded)…' : 'Deploying the Worker…')
  const wrangler = spawnSync('wrangler', ['deploy', ...env, ...outdir, ...args], {
    stdio: 'inherit',
    env: { ...process.env, ...quiet },
  })
  if (wrangler.status !== 0) throw new Error(`wrangler deploy exited with ${wrangler.status ?? wrangler.signal}`)
} catch (e) {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
}
