import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { authOptions } from './options';
import { actorForUserId } from './authenticate';
import type { Actor } from './actor';

/** The signed-in person for a server component, or a redirect to the sign-in page. */
export async function requireActor(): Promise<Actor> {
  const session = await getServerSession(authOptions());
  const actor = await actorForUserId(session?.user?.id);
  if (!actor) redirect('/signin');
  return actor;
}
