/**
 * The web app's production build in dist/, which wrangler.toml serves as the Worker's static assets. Anything
 * that starts the Worker from wrangler.toml needs the folder to exist; the tests of the assets need a real build.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

export const appBuildDir = 'dist'

/** Builds the app (vite build) and throws when the build fails. */
export function buildApp(): void {
  const run = spawnSync('vite', ['build', '--logLevel', 'warn'], { stdio: 'inherit' })
  if (run.status !== 0) throw new Error(`vite build exited with ${run.status ?? run.signal}`)
}

/** Builds the app unless a build is already there. */
export function ensureAppBuild(): void {
  if (!existsSync(`${appBuildDir}/index.html`)) buildApp()
}
