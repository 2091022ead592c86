import type { Metadata } from 'next';
import { Placeholder } from '@/components/shell/Placeholder';

export const metadata: Metadata = { title: 'Runbooks' };

export default function RunbooksPage() {
  return <Placeholder title="Runbooks" what="Guided checklists that verify themselves against live probes." issue="Runbooks" />;
}
