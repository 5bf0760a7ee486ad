// Vars the edge's workerd tests run with: the emulator that edge/test/global-setup.ts starts on
// FIELDSYNC_TEST_EMULATOR_PORT (default 9411), Intuit's minute lasting one second.
import { emulatorVars } from '#scripts/edge-vars.ts'

export const testEmulatorPort = Number(process.env.FIELDSYNC_TEST_EMULATOR_PORT ?? 9411)
export const testEmulatorUrl = `http://127.0.0.1:${testEmulatorPort}`
export const testAppOrigin = 'http://127.0.0.1:5173'
export const testTimeScale = 60

export const previousSessionSecret = btoa('the session secret before the rotation, 32+ bytes')
export const previousTokenKey = btoa('the token key before the rotation, of 32+ bytes')

export function testBindings(): Record<string, string> {
  return {
    ...emulatorVars(testEmulatorUrl, testAppOrigin),
    PACER_TIME_SCALE: String(testTimeScale),
    // Five Intuit minutes at this scale: a 2,000-call burst (four windows) still queues whole.
    PACER_MAX_WAIT_MS: '5000',
    // Generous: a loaded test machine must not turn queued calls of the bursts into refusals.
    PACER_DEADLINE_MS: '60000',
    EMULATOR_URL: testEmulatorUrl,
    // Keys being rotated out: data signed or sealed under them must still open, and be redone.
    SESSION_SECRET_PREVIOUS: previousSessionSecret,
    TOKEN_ENCRYPTION_KEY_PREVIOUS: previousTokenKey,
  }
}
