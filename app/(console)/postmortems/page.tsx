import type { Metadata } from 'next';
import { Placeholder } from '@/components/shell/Placeholder';

export const metadata: Metadata = { title: 'Postmortems' };

export default function PostmortemsPage() {
  return <Placeholder title="Postmortems" what="Blameless reviews drafted from the incident record, and response analytics." issue="Postmortems and analytics" />;
}
