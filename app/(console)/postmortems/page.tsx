import type { Metadata } from 'next';
import Link from 'next/link';
import { requireActor } from '@/lib/auth/session';
import { PageHeader } from '@/components/ui/PageHeader';
import { PostmortemsList } from '@/components/postmortems/PostmortemsList';

export const metadata: Metadata = { title: 'Postmortems' };

export default async function PostmortemsPage() {
  await requireActor();
  return (
    <>
      <PageHeader
        title="Postmortems"
        description="Blameless reviews drafted from what happened: measured response times, impact and timeline, written up by the team and approved by the lead."
        actions={<Link href="/analytics" className="btn">Analytics</Link>}
      />
      <PostmortemsList />
    </>
  );
}
