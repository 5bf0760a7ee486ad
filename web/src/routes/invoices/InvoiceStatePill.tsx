import type { InvoiceState } from '#shared/domain/index.ts'
import { StatusPill } from '../../components/StatusPill.tsx'

const look: Record<InvoiceState, { tone: 'neutral' | 'info' | 'good' | 'warn' | 'bad'; label: string }> = {
  draft: { tone: 'neutral', label: 'Draft' },
  open: { tone: 'info', label: 'Open' },
  partial: { tone: 'warn', label: 'Partly paid' },
  paid: { tone: 'good', label: 'Paid' },
  void: { tone: 'bad', label: 'Void' },
}

export function InvoiceStatePill(props: { state: InvoiceState }) {
  return <StatusPill tone={look[props.state].tone}>{look[props.state].label}</StatusPill>
}

export const invoiceStateLabel = (s: InvoiceState) => look[s].label
