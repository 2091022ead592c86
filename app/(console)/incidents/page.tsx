import type { Metadata } from 'next';
import { Placeholder } from '@/components/shell/Placeholder';

export const metadata: Metadata = { title: 'Incidents' };

export default function IncidentsPage() {
  return <Placeholder title="Incidents" what="Declare, classify and run incidents from a live timeline." issue="Incidents" />;
}
