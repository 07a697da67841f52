import { useState, type FormEvent } from 'react';
import { Box, Button, Checkbox, Flex, Grid, Typography } from '@strapi/design-system';
import type { ClientDetail, ContactEntry, EmailPreferences, NewSubAccount } from '../../../shared/customer-api';
import { call } from '../api';
import { Card, Confirm, Empty, Failure, Input, ItemCard, Loading, Notice, Tag } from '../components';
import { useAnswer, useSubmit } from '../useAnswer';
import { OnceShown } from './Access';

const KINDS: Array<[keyof EmailPreferences, string]> = [
  ['general', 'General'],
  ['invoices', 'Invoices'],
  ['support', 'Support'],
  ['products', 'Products'],
];

const nameOf = (contact: ContactEntry) => [contact.firstName, contact.lastName].filter(Boolean).join(' ') || contact.email;

const submitted = (action: () => void) => (event: FormEvent) => {
  event.preventDefault();
  action();
};

/** A contact's fields: the form to add one and to change one. */
function ContactForm({ contact, busy, submit, action }: { contact?: ContactEntry; busy: boolean; submit: (body: Record<string, unknown>) => void; action: string }) {
  const [firstName, setFirstName] = useState(contact?.firstName ?? '');
  const [lastName, setLastName] = useState(contact?.lastName ?? '');
  const [email, setEmail] = useState(contact?.email ?? '');
  const [phone, setPhone] = useState(contact?.phone ?? '');
  const [preferences, setPreferences] = useState<EmailPreferences>(contact?.emailPreferences ?? { general: true, invoices: false, support: true, products: false });
  const id = contact?.documentId ?? 'new';
  return (
    <form onSubmit={submitted(() => submit({ firstName: firstName || null, lastName: lastName || null, email: email.trim(), phone: phone || null, emailPreferences: preferences }))}>
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Grid.Root gap={3}>
          <Grid.Item col={6} s={12} xs={12} direction="column" alignItems="stretch">
            <Input label="First name" name={`firstName-${id}`} value={firstName} onChange={setFirstName} required={false} maxLength={100} />
          </Grid.Item>
          <Grid.Item col={6} s={12} xs={12} direction="column" alignItems="stretch">
            <Input label="Last name" name={`lastName-${id}`} value={lastName} onChange={setLastName} required={false} maxLength={100} />
          </Grid.Item>
          <Grid.Item col={6} s={12} xs={12} direction="column" alignItems="stretch">
            <Input
              label="Email"
              name={`email-${id}`}
              type="email"
              value={email}
              onChange={setEmail}
              maxLength={254}
              hint={contact?.subAccount ? 'This contact is a login: a new address takes effect once its owner follows the link mailed to it.' : undefined}
            />
          </Grid.Item>
          <Grid.Item col={6} s={12} xs={12} direction="column" alignItems="stretch">
            <Input label="Phone" name={`phone-${id}`} type="tel" value={phone} onChange={setPhone} required={false} maxLength={40} />
          </Grid.Item>
        </Grid.Root>
        <Flex gap={4} wrap="wrap" role="group" aria-label="Mail this contact gets">
          {KINDS.map(([kind, label]) => (
            <Checkbox key={kind} checked={preferences[kind]} onCheckedChange={(on: boolean | 'indeterminate') => setPreferences({ ...preferences, [kind]: on === true })}>
              {label} mail
            </Checkbox>
          ))}
        </Flex>
        <Box>
          <Button type="submit" loading={busy}>
            {action}
          </Button>
        </Box>
      </Flex>
    </form>
  );
}

/** Giving a contact a login here: an existing account by its login, or an invitation to its address. */
function GiveAccess({ contact, client, done }: { contact: ContactEntry; client: ClientDetail; done: (created: NewSubAccount) => void }) {
  const [login, setLogin] = useState('');
  const { busy, error, run } = useSubmit();
  const base = `/client-area/clients/${client.documentId}/contacts/${contact.documentId}`;
  const give = (path: string, body: object) =>
    void run(async () => {
      const { data } = await call<{ data: NewSubAccount }>(`${base}/${path}`, { method: 'POST', body });
      done(data);
    });
  return (
    <Flex direction="column" alignItems="stretch" gap={3} padding={3} background="neutral0" hasRadius>
      <Typography textColor="neutral700">
        The new sub-account starts with no access under you; tick what it may do in Members and access. It gets a relationship password, shown to you once.
      </Typography>
      <Failure error={error} />
      <form onSubmit={submitted(() => give('sub-account', { login: login.trim() }))}>
        <Flex gap={3} alignItems="flex-end" wrap="wrap">
          <Box minWidth="240px">
            <Input label="Their login (username or email)" name={`login-${contact.documentId}`} value={login} onChange={setLogin} hint="If they already have an account with us." />
          </Box>
          <Button type="submit" variant="secondary" loading={busy}>
            Link their login
          </Button>
        </Flex>
      </form>
      <Flex gap={3} alignItems="center" wrap="wrap">
        <Typography>No account yet?</Typography>
        <Button variant="secondary" disabled={busy} onClick={() => give('invitation', {})}>
          Invite {contact.email} by email
        </Button>
      </Flex>
    </Flex>
  );
}

function ContactRow({ contact, client, reload, accessChanged }: { contact: ContactEntry; client: ClientDetail; reload: () => void; accessChanged: () => void }) {
  const [open, setOpen] = useState<'edit' | 'access' | null>(null);
  const [removing, setRemoving] = useState(false);
  const [done, setDone] = useState('');
  const [shown, setShown] = useState<{ login: string; password: string } | null>(null);
  const { busy, error, run } = useSubmit();
  const path = `/client-area/clients/${client.documentId}/contacts/${contact.documentId}`;
  const name = nameOf(contact);
  const save = (body: Record<string, unknown>) =>
    void run(async () => {
      const { data } = await call<{ data: ContactEntry }>(path, { method: 'PUT', body });
      setOpen(null);
      setDone(data.pendingEmail ? `Saved. ${data.pendingEmail} gets a link to confirm the new address; until then mail goes to ${data.email}.` : `${nameOf(data)} is saved.`);
      reload();
    });
  const remove = () =>
    void run(async () => {
      setRemoving(false);
      await call(path, { method: 'DELETE' });
      reload();
    });
  return (
    <ItemCard
      label={name}
      head={
        <>
          <Box>
            <Typography fontWeight="bold" tag="h3">
              {name}
            </Typography>
            <Typography variant="pi" textColor="neutral600" tag="p">
              {[contact.email, contact.phone].filter(Boolean).join(' · ')}
              {contact.pendingEmail ? ` · changing to ${contact.pendingEmail} (waiting for its confirmation)` : ''}
            </Typography>
          </Box>
          {contact.subAccount ? (
            <Tag tone={contact.subAccount.status === 'active' ? 'success' : 'warning'}>
              {contact.subAccount.kind === 'master' ? 'Master account' : 'Sub-account'}
              {contact.subAccount.status !== 'active' ? ` (${contact.subAccount.status})` : ''}
            </Tag>
          ) : (
            <Tag>No login here</Tag>
          )}
        </>
      }
    >
      <Typography variant="pi" textColor="neutral700">
        Gets{' '}
        {KINDS.filter(([kind]) => contact.emailPreferences[kind])
          .map(([, label]) => label.toLowerCase())
          .join(', ') || 'no'}{' '}
        mail
      </Typography>
      <Flex gap={2} wrap="wrap">
        <Button size="S" variant="tertiary" aria-expanded={open === 'edit'} onClick={() => setOpen(open === 'edit' ? null : 'edit')}>
          {open === 'edit' ? 'Cancel' : 'Edit'}
        </Button>
        {contact.subAccount ? null : (
          <>
            <Button size="S" variant="secondary" aria-expanded={open === 'access'} onClick={() => setOpen(open === 'access' ? null : 'access')}>
              Give access
            </Button>
            <Button size="S" variant="danger-light" disabled={busy} onClick={() => setRemoving(true)}>
              Remove
            </Button>
          </>
        )}
      </Flex>
      <Failure error={error} />
      {done ? <Notice>{done}</Notice> : null}
      {open === 'edit' ? <ContactForm contact={contact} busy={busy} submit={save} action="Save" /> : null}
      {open === 'access' ? (
        <GiveAccess
          contact={contact}
          client={client}
          done={(created) => {
            setOpen(null);
            setDone(`${created.identity.username} is now a sub-account of ${client.name}. ${created.note}`);
            setShown({ login: created.identity.username, password: created.relationshipPassword });
            reload();
            accessChanged();
          }}
        />
      ) : null}
      <Confirm open={removing} onOpenChange={setRemoving} title={`Remove ${name}?`} action="Remove" danger onConfirm={remove}>
        <Typography>
          {name} is removed from {client.name}'s contacts. Tickets they opened stay.
        </Typography>
      </Confirm>
      <OnceShown shown={shown} onClose={() => setShown(null)} />
    </ItemCard>
  );
}

/** The client's contacts: add one, change one, give one a login here (activate or invite), remove one. */
export function Contacts({ client, accessChanged }: { client: ClientDetail; accessChanged: () => void }) {
  const answer = useAnswer<{ data: ContactEntry[] }>(`/client-area/clients/${client.documentId}/contacts`);
  const [adding, setAdding] = useState(false);
  const [done, setDone] = useState('');
  const { busy, error, run } = useSubmit();
  const contacts = answer.data?.data;
  const add = (body: Record<string, unknown>) =>
    void run(async () => {
      const { data } = await call<{ data: ContactEntry }>(`/client-area/clients/${client.documentId}/contacts`, { method: 'POST', body });
      setAdding(false);
      setDone(`${nameOf(data)} is added.`);
      answer.reload();
    });
  return (
    <Card title="Contacts">
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography textColor="neutral600">The people of {client.name} we write to. A contact with a login here is also a member above.</Typography>
        <Box>
          <Button variant="secondary" aria-expanded={adding} onClick={() => setAdding(!adding)}>
            {adding ? 'Cancel' : 'Add a contact'}
          </Button>
        </Box>
        {adding ? (
          <Box padding={4} background="neutral100" hasRadius>
            <Failure error={error} />
            <ContactForm busy={busy} submit={add} action="Add the contact" />
          </Box>
        ) : null}
        {done ? <Notice>{done}</Notice> : null}
        <Failure error={answer.error} />
        {answer.loading && !contacts ? <Loading /> : null}
        {contacts && contacts.length === 0 ? <Empty>{client.name} has no contact yet.</Empty> : null}
        <Flex tag="ul" direction="column" alignItems="stretch" gap={3} aria-label="Contacts">
          {(contacts ?? []).map((contact) => (
            <ContactRow key={contact.documentId} contact={contact} client={client} reload={answer.reload} accessChanged={accessChanged} />
          ))}
        </Flex>
      </Flex>
    </Card>
  );
}
