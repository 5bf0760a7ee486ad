/**
 * Join a company: the code the owner's device showed (typed in any case, with or without the dash, or filled in
 * by its QR code's link) and a name for this device. Joined, the device runs its first sync at once.
 */
import { useSearchParams } from '@solidjs/router'
import { createSignal, Show } from 'solid-js'
import { DeviceName, type JoinResponse } from '#shared/api/index.ts'
import { TextField } from '../../components/Field.tsx'
import { PageHeader } from '../../components/PageHeader.tsx'
import { readJoinCode, showJoinCode } from '../../state/join-code.ts'
import { useSession } from '../../state/session.ts'
import { joinCompany } from '../../state/team.ts'
import { FirstSync } from './FirstSync.tsx'

export default function JoinPage() {
  const [params] = useSearchParams<{ code?: string }>()
  const qbo = useSession()
  const [joined, setJoined] = createSignal<JoinResponse>()
  return (
    <div class="stack">
      <PageHeader title="Join a company" back={{ href: '/settings', label: 'Settings' }} />
      <Show
        when={joined()}
        fallback={
          <JoinForm
            code={typeof params.code === 'string' ? params.code : ''}
            alreadyOn={(() => {
              const s = qbo.session()
              return s?.connected ? (s.companyName ?? 'a company') : undefined
            })()}
            onJoined={(j) => {
              setJoined(j)
              void qbo.refresh()
            }}
          />
        }
      >
        {(j) => <FirstSync joined={j()} />}
      </Show>
    </div>
  )
}

function JoinForm(props: { code: string; alreadyOn: string | undefined; onJoined: (j: JoinResponse) => void }) {
  const [code, setCode] = createSignal(props.code ? showJoinCode(props.code) : '')
  const [name, setName] = createSignal('')
  const [codeError, setCodeError] = createSignal<string>()
  const [nameError, setNameError] = createSignal<string>()
  const [refusal, setRefusal] = createSignal<string>()
  const [busy, setBusy] = createSignal(false)
  const join = async (e: Event) => {
    e.preventDefault()
    setRefusal(undefined)
    const c = readJoinCode(code())
    const n = DeviceName.safeParse(name())
    setCodeError(c.ok ? undefined : c.error)
    setNameError(n.success ? undefined : n.error.issues[0]?.message)
    if (!c.ok || !n.success) return
    setBusy(true)
    const r = await joinCompany({ code: c.value, deviceName: n.data })
    setBusy(false)
    if (!r.ok) return setRefusal(r.error.message)
    props.onJoined(r.value)
  }
  return (
    <form class="card stack" onSubmit={(e) => void join(e)} novalidate aria-label="Join a company">
      <p>
        Ask the company's owner for a code: on their device, <strong>Settings → Devices → Add a device</strong>. A code
        works once, for 10 minutes.
      </p>
      <Show when={props.alreadyOn}>
        {(company) => (
          <p class="warning-box" role="status">
            This device is on {company()} now. Joining another company moves it there.
          </p>
        )}
      </Show>
      <TextField
        label="Join code"
        value={code()}
        onValue={setCode}
        error={codeError()}
        hint="8 letters and digits, like K7QM-3XPA. Small letters and spaces are fine."
        autocomplete="off"
        autocapitalize="characters"
        spellcheck={false}
        maxLength={12}
        placeholder="XXXX-XXXX"
        style={{
          'font-size': '36px',
          'letter-spacing': '0.12em',
          'font-family': 'ui-monospace, Menlo, Consolas, monospace',
          'min-height': '64px',
          'max-width': '360px',
        }}
      />
      <TextField
        label="Name of this device"
        value={name()}
        onValue={setName}
        error={nameError()}
        hint="How the owner sees it in the device list."
        placeholder="Van 2 tablet"
        maxLength={60}
        style={{ 'max-width': '360px' }}
      />
      <Show when={refusal()}>
        {(m) => (
          <p class="form-error" role="alert" data-testid="join-refusal">
            {m()}
          </p>
        )}
      </Show>
      <div>
        <button type="submit" class="btn btn-primary-solid" style={{ 'min-height': '56px' }} disabled={busy()}>
          {busy() ? 'Joining…' : 'Join'}
        </button>
      </div>
    </form>
  )
}
