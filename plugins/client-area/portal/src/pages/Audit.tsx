import { useState } from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';
import type { AuditEntry, ClientDetail } from '../../../shared/customer-api';
import { Card, Empty, Failure, Loading, Pager } from '../components';
import { useAnswer } from '../useAnswer';
import { when } from '../words';

const PAGE_SIZE = 50;

/** What happened, in words; an action the portal doesn't know keeps its name. */
const DONE: Record<string, string> = {
  'client.login': 'entered the client',
  'client.master-transferred': 'made a new master account',
  'contact.created': 'added a contact',
  'contact.updated': 'changed a contact',
  'contact.deleted': 'removed a contact',
  'contact.email-confirmed': 'confirmed a new email address',
  'grants.changed': 'changed the access of',
  'membership.created': 'gave a login access',
  'membership.invited': 'invited',
  'membership.imported': 'imported',
  'membership.reassigned': 'moved',
  'membership.suspended': 'suspended',
  'membership.restored': 'restored',
  'membership.removed': 'removed',
  'product.taken': 'put under management',
  'product.released': 'released',
  'product.distributed': 'showed a product to a member:',
  'product.undistributed': 'hid a product from a member:',
  'profile.changed': 'changed their name or phone',
  'profile.email-preferences-changed': 'changed the mail they get',
  'relationship-password.failed': 'gave a wrong relationship password',
  'relationship-password.locked': 'was locked out after wrong relationship passwords',
  'relationship-password.rotated': 'gave a new relationship password to',
  'relationship-password.unlocked': 'lifted the lockout of',
  'role.created': 'created the role',
  'role.changed': 'changed the role',
  'role.deleted': 'deleted the role',
  'role.applied': 'applied a role to',
  'secondary-logon.cancelled': 'cancelled a secondary logon',
  'content-manager.updated': 'edited in the admin panel',
  'content-manager.created': 'created in the admin panel',
  'content-manager.deleted': 'deleted in the admin panel',
};

const who = (entry: AuditEntry) => (entry.actor === 'staff' ? 'Support staff' : (entry.actor ?? 'The system'));

/** Rule 15: the client's log, for its master — who did what to whom, when and from where, newest first. */
export function AuditLog({ client }: { client: ClientDetail }) {
  const [page, setPage] = useState(1);
  const answer = useAnswer<{ data: AuditEntry[]; meta: { total: number } }>(`/client-area/clients/${client.documentId}/audit?page=${page}`);
  const entries = answer.data?.data;
  const pages = Math.max(1, Math.ceil((answer.data?.meta.total ?? 0) / PAGE_SIZE));
  return (
    <Card title="Audit log">
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography textColor="neutral600">
          Every change to access at {client.name}, every entry into it and every failed relationship password, newest first. Only the master account sees this.
        </Typography>
        <Failure error={answer.error} />
        {answer.loading ? <Loading /> : null}
        {entries && entries.length === 0 ? <Empty>Nothing has happened at {client.name} yet.</Empty> : null}
        <Flex tag="ol" direction="column" alignItems="stretch" gap={2} aria-label="Audit entries">
          {(entries ?? []).map((entry, i) => {
            // A member is named "login @ client": here, within the client, its login says it. Whoever acted on itself is named once.
            const subject = entry.subject?.name?.endsWith(` @ ${client.name}`) ? entry.subject.name.slice(0, -` @ ${client.name}`.length) : entry.subject?.name;
            return (
              <Box tag="li" key={`${entry.at}-${i}`} style={{ listStyle: 'none' }} padding={3} background="neutral100" hasRadius>
                <Typography>
                  <b>{who(entry)}</b> {DONE[entry.action] ?? entry.action}
                  {subject && subject !== entry.actor ? <b> {subject}</b> : null}
                </Typography>
                <Typography variant="pi" textColor="neutral600" tag="p">
                  {[when(entry.at), entry.ip ? `from ${entry.ip}` : null, entry.action].filter(Boolean).join(' · ')}
                </Typography>
              </Box>
            );
          })}
        </Flex>
        <Pager page={page} pages={pages} setPage={setPage} />
      </Flex>
    </Card>
  );
}
