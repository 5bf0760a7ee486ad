export function OfflineBanner() {
  return (
    <div class="offline-banner" role="status">
      <strong>You're offline.</strong> Everything you do is saved on this tablet and will sync when you're back online.
    </div>
  )
}
