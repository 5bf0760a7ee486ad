/** The Sync screen: the schedule, the initial sync (preview, decisions, run) and the sync log. */
import { PageHeader } from '../../components/PageHeader.tsx'
import { InitialSyncPanel } from './InitialSyncPanel.tsx'
import { ScheduleCard } from './ScheduleCard.tsx'
import { SyncLog } from './SyncLog.tsx'

export default function SyncPage() {
  return (
    <div class="stack">
      <PageHeader title="Sync" />
      <ScheduleCard />
      <InitialSyncPanel />
      <SyncLog />
    </div>
  )
}
