/**
 * Right after joining: the device's first sync, through the same preview and run as after a connect. A device
 * with nothing of its own to match runs it at once; one whose records need a decision goes to the review.
 */
import { A, useNavigate } from '@solidjs/router'
import { createSignal, onMount, Show } from 'solid-js'
import type { JoinResponse } from '#shared/api/index.ts'
import { ProgressBar } from '../../components/ProgressBar.tsx'
import { getSettings } from '../../db/settings.ts'
import { useDb } from '../../state/db.ts'
import { syncStatus } from '../../state/sync-status.ts'
import { roleLabels } from '../../state/team-labels.ts'

type Step = { kind: 'running' } | { kind: 'done' } | { kind: 'failed'; message: string }

export function FirstSync(props: { joined: JoinResponse }) {
  const db = useDb()
  const sync = syncStatus()
  const navigate = useNavigate()
  const [step, setStep] = createSignal<Step>({ kind: 'running' })
  const company = () => props.joined.companyName ?? 'the company'
  onMount(async () => {
    sync.clearError()
    const preview = await sync.preview()
    if (!preview.ok) return setStep({ kind: 'failed', message: preview.error.message })
    if (preview.value.decisions.length > 0) return navigate('/sync')
    const run = await sync.runInitial([])
    if (!run.ok) return setStep({ kind: 'failed', message: run.error.message })
    setStep({ kind: 'done' })
    void sync.start((await getSettings(db)).pullIntervalMinutes)
  })
  return (
    <section class="card stack" aria-labelledby="joined-title" data-testid="joined">
      <h3 id="joined-title">
        This device is on {company()} as {roleLabels[props.joined.device.role]}.
      </h3>
      <Show when={step().kind === 'running'}>
        <p>Bringing the company's records to this device…</p>
        <Show when={sync.state.progress} fallback={<ProgressBar label="First sync" />}>
          {(p) => <ProgressBar value={p().done} max={Math.max(1, p().total)} label={`First sync: ${p().phase}`} />}
        </Show>
      </Show>
      <Show when={step().kind === 'done'}>
        <p role="status" data-testid="first-sync-done">
          The company's records are on this device, and it keeps in step from now on.
        </p>
        <div class="actions-row">
          <A class="btn btn-primary-solid" href="/contacts">
            Go to contacts
          </A>
          <A class="btn" href="/invoices">
            Invoices
          </A>
        </div>
      </Show>
      <Show
        when={(() => {
          const s = step()
          return s.kind === 'failed' ? s : undefined
        })()}
      >
        {(f) => (
          <>
            <p class="form-error" role="alert">
              The first sync stopped: {f().message}
            </p>
            <A class="btn" href="/sync">
              Open the first sync
            </A>
          </>
        )}
      </Show>
    </section>
  )
}
