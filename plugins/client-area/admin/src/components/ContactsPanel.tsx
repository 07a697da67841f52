import { Td, Typography } from '@strapi/design-system';
import type { ContactEntry } from '../../../shared/customer-api';
import { useFetched } from '../data';
import { useT } from '../t';
import { ListTable } from './ListTable';
import { Tone } from './Tone';

const PREFERENCES = ['general', 'invoices', 'support', 'products'] as const;

/** A client's contacts as staff see them: who they are, which mail they take, and whether they log in. */
export function ContactsPanel({ clientId }: { clientId: string }) {
  const t = useT();
  const { data: rows, error } = useFetched<ContactEntry[]>(`/client-area/clients/${clientId}/contacts`, t('client.contacts').toLowerCase());
  return (
    <ListTable
      heads={[t('contacts.name'), t('contacts.email'), t('contacts.phone'), t('contacts.mail'), t('contacts.login')]}
      rows={rows}
      error={error}
      none={t('contacts.none')}
      rowKey={(contact) => contact.documentId}
      cells={(contact) => (
        <>
          <Td><Typography fontWeight="bold">{[contact.firstName, contact.lastName].filter(Boolean).join(' ') || '—'}</Typography></Td>
          <Td>
            <Typography>{contact.email}</Typography>
            {contact.pendingEmail ? <Typography variant="pi" textColor="neutral600" tag="p">{t('contacts.pending', { email: contact.pendingEmail })}</Typography> : null}
          </Td>
          <Td><Typography>{contact.phone ?? ''}</Typography></Td>
          <Td>
            <Typography>{PREFERENCES.filter((p) => contact.emailPreferences[p]).map((p) => t(`contacts.mail.${p}`)).join(', ') || t('contacts.mail.none')}</Typography>
          </Td>
          <Td>
            {contact.subAccount ? (
              <Tone tone={contact.subAccount.status === 'active' ? 'success' : 'warning'}>
                {t(contact.subAccount.kind === 'master' ? 'contacts.login.master' : 'contacts.login.sub', { status: contact.subAccount.status })}
              </Tone>
            ) : (
              <Typography textColor="neutral600">{t('contacts.login.none')}</Typography>
            )}
          </Td>
        </>
      )}
    />
  );
}
