export interface NavItem { href: string; label: string; icon: string; shortcut: string }

export const NAV: NavItem[] = [
  { href: '/', label: 'Dashboard', icon: '◉', shortcut: 'g d' },
  { href: '/services', label: 'Services', icon: '▤', shortcut: 'g s' },
  { href: '/alerts', label: 'Alerts', icon: '△', shortcut: 'g a' },
  { href: '/incidents', label: 'Incidents', icon: '⚑', shortcut: 'g i' },
  { href: '/runbooks', label: 'Runbooks', icon: '☰', shortcut: 'g r' },
  { href: '/postmortems', label: 'Postmortems', icon: '✎', shortcut: 'g p' },
  { href: '/analytics', label: 'Analytics', icon: '▥', shortcut: 'g n' },
  { href: '/settings', label: 'Settings', icon: '⚙', shortcut: 'g ,' },
];

export function isActive(pathname: string, href: string) {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(href + '/');
}
