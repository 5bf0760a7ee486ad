// Starts the QuickBooks emulator on Node for the edge's workerd tests, on the fixed port the
// bindings name (FIELDSYNC_TEST_EMULATOR_PORT, default 9411), with Intuit's minute lasting a
// second and refresh tokens rotating on every refresh, so a second refresh with a superseded
// token would show up as a lost connection.
import { startEmulator } from '#emulator/src/serve.ts'
import { localApp } from '#scripts/edge-vars.ts'
import { testAppOrigin, testEmulatorPort, testTimeScale } from './bindings.ts'

export default async function setup(): Promise<() => Promise<void>> {
  const emulator = await startEmulator({
    port: testEmulatorPort,
    seed: 'small',
    timeScale: testTimeScale,
    tokenLifetimes: { refreshRotationSeconds: 0 },
    apps: [
      {
        clientId: localApp.clientId,
        clientSecret: localApp.clientSecret,
        appName: 'Fieldsync',
        redirectUris: [`${testAppOrigin}/auth/intuit/callback`],
      },
    ],
  })
  return () => emulator.close()
}
