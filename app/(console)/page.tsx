import type { Metadata } from 'next';
import { Placeholder } from '@/components/shell/Placeholder';

export const metadata: Metadata = { title: 'Dashboard' };

export default function DashboardPage() {
  return (
    <Placeholder
      title="Dashboard"
      what="What is broken, since when and what changed: every service's status, open alerts and incidents, live."
      issue="On-call dashboard"
    />
  );
}
