import { z } from 'zod';

export const ROLES = ['viewer', 'responder', 'commander', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES, { error: `role must be one of ${ROLES.join(', ')}` });

const RANK: Record<Role, number> = { viewer: 0, responder: 1, commander: 2, admin: 3 };

/** Roles are ordered: each one can do everything the ones below it can. */
export function hasRole(actual: Role, required: Role): boolean {
  return RANK[actual] >= RANK[required];
}

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: 'Reads everything, changes nothing',
  responder: 'Adds notes, runs checklists, acknowledges',
  commander: 'Declares incidents, changes severity, status and roles',
  admin: 'Manages services, users, policies and tokens',
};
