/**
 * Settings → QuickBooks setup: the wizard, offered prominently until it is finished and reopenable afterwards, and
 * "Import customers" / "Import items" once it is.
 */
import { A } from '@solidjs/router'
import { Show } from 'solid-js'
import { getSettings } from '../../db/settings.ts'
import { useDb } from '../../state/db.ts'
import { createLive } from '../../state/live.ts'
import { useSession } from '../../state/session.ts'
import { ImportButtons } from '../setup/ImportButtons.tsx'

export function SetupCard() {
  const db = useDb()
  const qbo = useSession()
  const settings = createLive(() => getSettings(db), undefined, ['settings'])
  return (
    <Show when={qbo.connected()}>
      <section class="card stack" aria-labelledby="setup-title" data-testid="setup-card">
        <h3 id="setup-title">QuickBooks setup</h3>
        <p class="muted">
          {settings()?.setupDone
            ? 'Accounts, the sync schedule, manual export and what QuickBooks already has: review them step by step.'
            : 'Finish setting up: choose accounts and how to sync, then run the first sync.'}
        </p>
        <Show when={settings()?.setupDone}>
          <ImportButtons />
        </Show>
        <div>
          <A class={settings()?.setupDone ? 'btn' : 'btn btn-primary-solid'} href="/setup">
            {settings()?.setupDone ? 'Open setup' : 'Set up QuickBooks'}
          </A>
        </div>
      </section>
    </Show>
  )
}
