/**
 * The initial sync: preview (will link N, create M here, create K in QuickBooks, P need a decision), a choice
 * for each ambiguous group, then the run with its progress bar.
 */
import { createSignal, For, Show } from 'solid-js'
import { ProgressBar } from '../../components/ProgressBar.tsx'
import type { MatchDecision } from '../../sync/initial-sync.ts'
import { useRole } from '../../state/role.ts'
import { syncStatus } from '../../state/sync-status.ts'

export function InitialSyncPanel() {
  const sync = syncStatus()
  const s = sync.state
  const role = useRole()
  const [choices, setChoices] = createSignal<Record<string, string>>({})
  const decisions = (): MatchDecision[] =>
    Object.entries(choices()).map(([key, qbo]) => {
      const [kind, localId] = key.split('|') as ['contact' | 'item', string]
      return { kind, localId, qboId: qbo === 'new' ? null : qbo }
    })
  return (
    <section class="card stack" aria-labelledby="initial-sync-title">
      <h3 id="initial-sync-title">Initial sync</h3>
      <p class="muted">
        Fieldsync reads your QuickBooks customers, items and accounts, matches them with this tablet's records and shows
        what it will do before it does anything.
      </p>
      <div class="actions-row">
        <button
          type="button"
          class="btn"
          classList={{ 'btn-primary-solid': s.error?.kind === 'needs_initial_sync' }}
          disabled={s.running}
          onClick={() => void sync.preview()}
        >
          Preview initial sync
        </button>
      </div>
      <Show when={s.running && s.progress}>
        {(p) => (
          <div>
            <span class="muted">
              {p().phase}: {p().done} of {p().total}
            </span>
            <ProgressBar value={p().done} max={Math.max(1, p().total)} label="Sync progress" />
          </div>
        )}
      </Show>
      <Show when={s.error}>
        {(e) => (
          <p class={e().kind === 'needs_initial_sync' ? 'hint' : 'error'} role="alert">
            {e().message}
          </p>
        )}
      </Show>
      <Show when={s.preview}>
        {(p) => (
          <div class="stack" data-testid="sync-preview">
            <ul class="preview-counts">
              <li data-testid="preview-link">
                Will link <strong>{p().counts.link}</strong>
              </li>
              <li data-testid="preview-create-here">
                Create <strong>{p().counts.createHere}</strong> here
              </li>
              <li data-testid="preview-create-qbo">
                Create <strong>{p().counts.createInQuickBooks}</strong> in QuickBooks
              </li>
              <li data-testid="preview-decide">
                <strong>{p().counts.needDecision}</strong> need a decision
              </li>
            </ul>
            <Show when={p().numbering.summary}>
              {(words) => (
                <p class="hint" data-testid="preview-renumber">
                  {words()}
                </p>
              )}
            </Show>
            {/* Match decisions are the owner's or the office's: a crew tablet leaves them at "Decide later". */}
            <Show when={p().decisions.length > 0 && !role.can('decisions')}>
              <p class="muted" data-testid="decisions-elsewhere">
                The office or the owner decides these.
              </p>
            </Show>
            <For each={role.can('decisions') ? p().decisions : []}>
              {(d) => (
                <For each={d.localIds}>
                  {(localId) => (
                    <label class="field">
                      <span>
                        {d.labels[localId]} —{' '}
                        {d.reason === 'email-differs' ? 'same name, different email' : `same ${d.reason}`}
                      </span>
                      <select
                        onChange={(e) => setChoices({ ...choices(), [`${d.kind}|${localId}`]: e.currentTarget.value })}
                      >
                        <option value="">Decide later</option>
                        <For each={d.qboIds}>
                          {(q) => <option value={q}>Link to QuickBooks “{d.labels[`qbo:${q}`]}”</option>}
                        </For>
                        <option value="new">Keep separate (create in QuickBooks)</option>
                      </select>
                    </label>
                  )}
                </For>
              )}
            </For>
            <div class="actions-row">
              <button
                type="button"
                class="btn btn-primary"
                disabled={s.running}
                onClick={() => void sync.runInitial(decisions())}
              >
                Run initial sync
              </button>
            </div>
          </div>
        )}
      </Show>
      <Show when={s.lastRun}>
        {(r) => (
          <p role="status" data-testid="initial-sync-done">
            Done: {r().synced} sent to QuickBooks, {r().linked} linked, {r().pulled} created here, {r().failed} need
            attention, {r().skipped} skipped.
          </p>
        )}
      </Show>
    </section>
  )
}
