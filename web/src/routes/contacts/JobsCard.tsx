/**
 * A contact's jobs: each with its number, property and status, editable in place, and "Add job". With jobs as
 * sub-customers on, each job is a sub-customer of this contact in QuickBooks, and the card says so.
 */
import { createSignal, For, Show } from 'solid-js'
import { formatAddress } from '#shared/domain/index.ts'
import type { Job, LocalId, Property } from '#shared/domain/index.ts'
import { RecordSyncPanel } from '../../components/RecordSyncPanel.tsx'
import { listJobsForContact } from '../../db/jobs.ts'
import { getSettings } from '../../db/settings.ts'
import { useDb } from '../../state/db.ts'
import { createLive } from '../../state/live.ts'
import { JobForm } from './JobForm.tsx'

const STATUS_WORDS: Record<Job['status'], string> = { open: 'Open', done: 'Done', cancelled: 'Cancelled' }

export function JobsCard(props: { contactId: LocalId; properties: readonly Property[] }) {
  const db = useDb()
  const jobs = createLive(
    () => listJobsForContact(db, props.contactId),
    () => props.contactId,
  )
  const settings = createLive(() => getSettings(db))
  const [editing, setEditing] = createSignal<LocalId | 'new'>()
  const propertyOf = (id: LocalId | undefined) => props.properties.find((p) => p.id === id)
  return (
    <div class="card" data-testid="jobs">
      <h3>Jobs</h3>
      <Show when={settings()?.subCustomerJobs}>
        <p class="muted">Each job is a sub-customer of this contact in QuickBooks; its invoices go to it.</p>
      </Show>
      <Show when={(jobs() ?? []).length > 0} fallback={<p class="muted">No jobs yet.</p>}>
        <ul class="plain-list">
          <For each={jobs()}>
            {(j) => (
              <li>
                <Show
                  when={editing() === j.id}
                  fallback={
                    <div
                      style={{
                        display: 'flex',
                        'justify-content': 'space-between',
                        gap: '12px',
                        'align-items': 'center',
                      }}
                    >
                      <div>
                        <strong>
                          {j.number ? `${j.number} · ` : ''}
                          {j.name}
                        </strong>{' '}
                        <span class="muted">{STATUS_WORDS[j.status]}</span>
                        <div class="muted">{formatAddress(propertyOf(j.propertyId)?.address) || 'No property'}</div>
                      </div>
                      <button type="button" class="btn" onClick={() => setEditing(j.id)} aria-label={`Edit ${j.name}`}>
                        Edit
                      </button>
                    </div>
                  }
                >
                  <JobForm
                    contactId={props.contactId}
                    properties={props.properties}
                    job={j}
                    onDone={() => setEditing(undefined)}
                  />
                </Show>
                <Show when={settings()?.subCustomerJobs}>
                  <RecordSyncPanel kind="job" id={j.id} version={j.version} />
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show
        when={editing() === 'new'}
        fallback={
          <button type="button" class="btn" onClick={() => setEditing('new')}>
            Add job
          </button>
        }
      >
        <JobForm contactId={props.contactId} properties={props.properties} onDone={() => setEditing(undefined)} />
      </Show>
    </div>
  )
}
