import { useMemo } from 'react';
import { useAuth } from '@strapi/strapi/admin';
import type { T } from './t';
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

/**
 * A failed call in words a person can act on. A refusal by the admin's role check names
 * what is missing ("you don't have access to …"), never "Policy Failed"; a refusal or a
 * validation error of the plugin itself is shown as the plugin words it (the engine's reason).
 */
export function describeFailure(t: T, error: unknown, what: string): string {
  const failure = error as { status?: number; message?: string; response?: { status?: number; data?: { error?: { name?: string; message?: string } } } };
  const status = failure?.status ?? failure?.response?.status;
  const answer = failure?.response?.data?.error;
  if (status === 401) return t('error.session');
  if (status === 403 && (answer?.name === 'PolicyError' || !answer?.message)) return t('error.forbidden', { what });
  if (status && status < 500 && answer?.message) return answer.message;
  return t('error.failed', { what, reason: answer?.message ?? failure?.message ?? '' });
}
