/**
 * Add a device: the owner picks the new device's role, and gets a one-time code, big enough to read across a
 * van, the same as a QR code of the join page, and how long it is good for.
 */
import { createSignal, For, onCleanup, Show } from 'solid-js'
import type { JoinCodeResponse, Role } from '#shared/api/index.ts'
import { showJoinCode, timeLeft } from '../../state/join-code.ts'
import { makeJoinCode } from '../../state/team.ts'
import { roleHints, roleLabels } from '../../state/team-labels.ts'
import { QrCode } from './QrCode.tsx'

const choices: readonly Role[] = ['office', 'crew', 'owner']

export function AddDevice(props: { onDone: () => void }) {
  const [code, setCode] = createSignal<JoinCodeResponse>()
  const [busy, setBusy] = createSignal(false)
  const [failure, setFailure] = createSignal<string>()
  const [now, setNow] = createSignal(Date.now())
  const tick = setInterval(() => setNow(Date.now()), 1000)
  onCleanup(() => clearInterval(tick))
  const make = async (role: Role) => {
    setBusy(true)
    setFailure(undefined)
    const r = await makeJoinCode(role)
    setBusy(false)
    if (!r.ok) return setFailure(r.error.message)
    setNow(Date.now())
    setCode(r.value)
  }
  const left = () => {
    const c = code()
    return c ? timeLeft(c.expiresAt, now()) : undefined
  }
  return (
    <div class="stack" data-testid="add-device" aria-label="Add a device" role="group">
      <Show
        when={code()}
        fallback={
          <>
            <p>
              <strong>Who will use the new device?</strong> You can remove it here at any time.
            </p>
            <div class="stack">
              <For each={choices}>
                {(role) => (
                  <button
                    type="button"
                    class="btn"
                    style={{
                      'min-height': '72px',
                      'justify-content': 'flex-start',
                      'text-align': 'left',
                      padding: '12px 20px',
                    }}
                    disabled={busy()}
                    onClick={() => void make(role)}
                  >
                    <span style={{ display: 'flex', 'flex-direction': 'column', gap: '4px' }}>
                      <strong style={{ 'font-size': '1.1rem' }}>{roleLabels[role]}</strong>
                      <span class="muted" style={{ 'font-weight': 'normal' }}>
                        {roleHints[role]}
                      </span>
                    </span>
                  </button>
                )}
              </For>
            </div>
          </>
        }
      >
        {(c) => (
          <div style={{ display: 'flex', gap: '24px', 'align-items': 'center', 'flex-wrap': 'wrap' }}>
            <QrCode text={c().joinUrl} label={`QR code to join as ${roleLabels[c().role]}`} />
            <div class="stack" style={{ flex: 1, 'min-width': '260px' }}>
              <p>
                On the new device open Fieldsync, tap <strong>Join a company</strong> and type this code, or scan the QR
                code with its camera. It joins as <strong>{roleLabels[c().role]}</strong>.
              </p>
              <output
                data-testid="join-code"
                aria-label="Join code"
                style={{
                  'font-size': '52px',
                  'font-weight': '700',
                  'letter-spacing': '0.12em',
                  'font-family': 'ui-monospace, Menlo, Consolas, monospace',
                }}
              >
                {showJoinCode(c().code)}
              </output>
              <p role="timer" data-testid="join-code-time" classList={{ muted: !!left(), 'form-error': !left() }}>
                {left() ? `Works once, for ${left()} more.` : 'This code has expired. Make another one for the device.'}
              </p>
            </div>
          </div>
        )}
      </Show>
      <Show when={failure()}>
        {(m) => (
          <p class="form-error" role="alert">
            {m()}
          </p>
        )}
      </Show>
      <div class="actions-row">
        <Show when={code()}>
          <button type="button" class="btn" onClick={() => setCode(undefined)}>
            Make another code
          </button>
        </Show>
        <button type="button" class="btn" onClick={() => props.onDone()}>
          {code() ? 'Done' : 'Cancel'}
        </button>
      </div>
    </div>
  )
}
