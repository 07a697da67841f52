import { useMemo } from 'react';
import { useAuth } from '@strapi/strapi/admin';
import { STAFF_AREAS, staffAction, type StaffArea, type StaffLevel } from '../../shared/staff-areas';

const AREAS = Object.keys(STAFF_AREAS) as StaffArea[];

/** The menu link shows to a role holding any of the plugin's read permissions. */
export const ANY_READ = AREAS.map((area) => ({ action: staffAction(area, 'read'), subject: null }));

/** What the logged-in admin may do in the plugin, from the permissions the admin panel already holds. */
export function useStaffPermissions() {
  const permissions = useAuth('ClientArea', (state) => state.permissions);
  return useMemo(() => {
    const held = new Set(permissions.map((permission) => permission.action));
    return {
      can: (area: StaffArea, level: StaffLevel = 'read') => held.has(staffAction(area, level)),
      any: AREAS.some((area) => held.has(staffAction(area, 'read'))),
    };
  }, [permissions]);
}

/** A failed call in words a person can act on: a refusal names what is missing, never "Policy Failed". */
export function describeFailure(error: unknown, what: string): string {
  const status = (error as { status?: number; response?: { status?: number } })?.status ?? (error as { response?: { status?: number } })?.response?.status;
  if (status === 403) return `You don't have access to ${what}. Ask an administrator to add it to your role (Settings → Roles → Client Area).`;
  if (status === 401) return 'Your session has ended: log in again.';
  return `${what[0].toUpperCase()}${what.slice(1)} could not be loaded: ${(error as Error)?.message ?? 'unknown error'}`;
}
