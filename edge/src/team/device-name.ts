/** A first name for a device that connected QuickBooks, from its browser's User-Agent; the owner can rename it. */
const platforms: Array<[RegExp, string]> = [
  [/iPad/, 'iPad'],
  [/iPhone/, 'iPhone'],
  [/Android/, 'Android'],
  [/Windows/, 'Windows'],
  [/Macintosh|Mac OS X/, 'Mac'],
  [/CrOS/, 'Chromebook'],
  [/Linux/, 'Linux'],
]
const browsers: Array<[RegExp, string]> = [
  [/Edg\//, 'Edge'],
  [/Firefox\//, 'Firefox'],
  [/Chrome\//, 'Chrome'],
  [/Safari\//, 'Safari'],
]

export function deviceNameFrom(userAgent: string | undefined): string {
  const ua = userAgent ?? ''
  const browser = browsers.find(([re]) => re.test(ua))?.[1]
  const platform = platforms.find(([re]) => re.test(ua))?.[1]
  if (browser && platform) return `${browser} on ${platform}`
  return browser ?? platform ?? 'Owner device'
}
