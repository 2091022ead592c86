import type { Metadata } from 'next';
import { requireActor } from '@/lib/auth/session';
import { Forbidden } from '@/components/ui/Forbidden';
import { PageHeader } from '@/components/ui/PageHeader';
import { CatalogEditor } from '@/components/services/CatalogEditor';

export const metadata: Metadata = { title: 'Catalog YAML' };

export default async function CatalogPage() {
  const actor = await requireActor();
  if (actor.role !== 'admin') return <Forbidden need="admin" have={actor.role} />;
  return (
    <>
      <PageHeader
        title="Import / export"
        description="The whole service catalog as one YAML document: keep it in a repository, preview what applying it changes, then apply it in one go."
      />
      <CatalogEditor />
    </>
  );
}
