'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState } from 'react';
import { signOut } from 'next-auth/react';
import { NAV, isActive } from './nav';
import type { Role } from '@/lib/auth/roles';

interface Props {
  user: { label: string; role: Role };
  children: React.ReactNode;
}

export function AppShell({ user, children }: Props) {
  const pathname = usePathname();
  const [menuOpen, setMenuOpen] = useState(false);

  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 btn">
        Skip to content
      </a>
      <header className="flex items-center justify-between border-b border-line bg-panel px-4 py-2 md:hidden" data-no-print>
        <Link href="/" className="font-semibold tracking-tight">
          <span className="text-accent">ops</span>deck
        </Link>
        <button
          type="button"
          className="btn"
          aria-expanded={menuOpen}
          aria-controls="primary-nav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          {menuOpen ? 'Close' : 'Menu'}
        </button>
      </header>

      <aside
        id="primary-nav"
        data-no-print
        className={`${menuOpen ? 'flex' : 'hidden'} w-full shrink-0 flex-col border-b border-line bg-panel md:sticky md:top-0 md:flex md:h-screen md:w-56 md:border-b-0 md:border-r`}
      >
        <div className="hidden px-4 pb-3 pt-4 md:block">
          <Link href="/" className="text-lg font-semibold tracking-tight">
            <span className="text-accent">ops</span>deck
          </Link>
        </div>
        <nav aria-label="Primary" className="flex-1 px-2 py-2">
          <ul className="space-y-0.5">
            {NAV.map((item) => {
              const active = isActive(pathname, item.href);
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={active ? 'page' : undefined}
                    onClick={() => setMenuOpen(false)}
                    className={`flex items-center gap-2.5 rounded-md px-3 py-2 text-sm ${
                      active ? 'bg-accent/15 text-fg font-medium' : 'text-muted hover:bg-panel-2 hover:text-fg'
                    }`}
                  >
                    <span aria-hidden className={`w-4 text-center ${active ? 'text-accent' : ''}`}>
                      {item.icon}
                    </span>
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="border-t border-line px-4 py-3 text-xs">
          <div className="truncate text-fg" title={user.label} data-testid="current-user">
            {user.label}
          </div>
          <div className="mt-0.5 flex items-center justify-between">
            <span className="rounded bg-panel-2 px-1.5 py-0.5 font-mono text-[11px] text-muted" data-testid="current-role">
              {user.role}
            </span>
            <button type="button" className="text-muted underline-offset-2 hover:text-fg hover:underline" onClick={() => signOut({ callbackUrl: '/signin' })}>
              Sign out
            </button>
          </div>
        </div>
      </aside>

      <main id="main" className="min-w-0 flex-1 px-4 py-5 md:px-8 md:py-6">
        {children}
      </main>
    </div>
  );
}
