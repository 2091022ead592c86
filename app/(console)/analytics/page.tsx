import type { Metadata } from 'next';
import Link from 'next/link';
import { requireActor } from '@/lib/auth/session';
import { PageHeader } from '@/components/ui/PageHeader';
import { AnalyticsView } from '@/components/analytics/AnalyticsView';

export const metadata: Metadata = { title: 'Analytics' };

export default async function AnalyticsPage() {
  await requireActor();
  return (
    <>
      <PageHeader
        title="Analytics"
        description="How often things break, how fast we answer, and how much of each service's error budget is left. Every chart has its numbers as a table and a CSV."
        actions={<Link href="/postmortems" className="btn">Postmortems</Link>}
      />
      <AnalyticsView />
    </>
  );
}
