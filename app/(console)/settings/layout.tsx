import { requireActor } from '@/lib/auth/session';
import { PageHeader } from '@/components/ui/PageHeader';
import { SettingsTabs } from '@/components/settings/SettingsTabs';

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  return (
    <>
      <PageHeader title="Settings" />
      <SettingsTabs role={actor.role} />
      {children}
    </>
  );
}
