import { HashRouter, Route } from '@solidjs/router'
import { Shell } from './components/Shell.tsx'
import { Placeholder } from './routes/Placeholder.tsx'

export const sections = [
  { path: '/contacts', label: 'Contacts' },
  { path: '/invoices', label: 'Invoices' },
  { path: '/pricebook', label: 'Pricebook' },
  { path: '/payments', label: 'Payments' },
  { path: '/settings', label: 'Settings' },
] as const

export function App() {
  return (
    <HashRouter root={Shell}>
      <Route path="/" component={() => <Placeholder title="Contacts" />} />
      {sections.map((s) => (
        <Route path={s.path} component={() => <Placeholder title={s.label} />} />
      ))}
    </HashRouter>
  )
}
