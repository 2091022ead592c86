import type { Role } from './roles';

/** Who is acting: a signed-in person, a personal token, the environment's API key, or the console itself. */
export interface Actor {
  type: 'user' | 'token' | 'apikey' | 'system';
  /** User id for people and personal tokens; null for the API key and the system. */
  userId: string | null;
  /** Shown in the audit log and timelines: an email, `token:<prefix> (email)`, `api-key`, `system`. */
  label: string;
  role: Role;
  tokenId?: string;
}

export const SYSTEM_ACTOR: Actor = { type: 'system', userId: null, label: 'system', role: 'admin' };
export const API_KEY_ACTOR: Actor = { type: 'apikey', userId: null, label: 'api-key', role: 'admin' };
