import { requireActor } from '@/lib/auth/session';
import { AppShell } from '@/components/shell/AppShell';
import { Providers } from '@/components/shell/Providers';

export const dynamic = 'force-dynamic';

// Every page in this group needs a session; the check reads the user from the
// database so that a disabled account or a changed role applies at once.
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  return (
    <Providers>
      <AppShell user={{ label: actor.label, role: actor.role }}>{children}</AppShell>
    </Providers>
  );
}
