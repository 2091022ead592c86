'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { Role } from '@/lib/auth/roles';
import { hasRole } from '@/lib/auth/roles';

const TABS: { href: string; label: string; role: Role }[] = [
  { href: '/settings/tokens', label: 'API tokens', role: 'viewer' },
  { href: '/settings/severity', label: 'Severity policy', role: 'viewer' },
  { href: '/settings/users', label: 'Users', role: 'admin' },
  { href: '/settings/audit', label: 'Audit log', role: 'admin' },
  { href: '/settings/webhooks', label: 'Webhooks', role: 'admin' },
];

export function SettingsTabs({ role }: { role: Role }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="mb-5 flex gap-1 border-b border-line">
      {TABS.filter((t) => hasRole(role, t.role)).map((t) => {
        const active = pathname === t.href;
        return (
          <Link
            key={t.href}
            href={t.href}
            aria-current={active ? 'page' : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${active ? 'border-accent text-fg' : 'border-transparent text-muted hover:text-fg'}`}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
