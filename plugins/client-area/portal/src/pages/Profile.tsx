import { useEffect, useState, type FormEvent } from 'react';
import { Box, Button, Checkbox, Flex, Grid, Typography } from '@strapi/design-system';
import type { EmailPreferences, LoginSession, Profile as ProfileAnswer } from '../../../shared/customer-api';
import { call, session } from '../api';
import { Card, Empty, Failure, Input, ItemCard, Loading, Notice, Page, Tag } from '../components';
import { useSession } from '../session';
import { useAnswer, useSubmit } from '../useAnswer';
import { when } from '../words';

type Client = ProfileAnswer['clients'][number];

const KINDS: Array<[keyof EmailPreferences, string, string]> = [
  ['general', 'General', 'news and notices about your account'],
  ['invoices', 'Invoices', 'new invoices and reminders'],
  ['support', 'Support', 'replies to tickets'],
  ['products', 'Products', 'changes to products and services'],
];

const submitted = (action: () => void) => (event: FormEvent) => {
  event.preventDefault();
  action();
};

/** Name and phone: one person, the same on its contact at every client. */
function Details({ profile, saved }: { profile: ProfileAnswer; saved: (next: ProfileAnswer) => void }) {
  const [firstName, setFirstName] = useState(profile.firstName ?? '');
  const [lastName, setLastName] = useState(profile.lastName ?? '');
  const [phone, setPhone] = useState(profile.phone ?? '');
  const [done, setDone] = useState(false);
  const { busy, error, run } = useSubmit();
  const save = submitted(
    () =>
      void run(async () => {
        setDone(false);
        const { data } = await call<{ data: ProfileAnswer }>('/client-area/profile', { method: 'PUT', body: { firstName: firstName || null, lastName: lastName || null, phone: phone || null } });
        saved(data);
        setDone(true);
      }),
  );
  const withContact = profile.clients.filter((c) => c.contact);
  return (
    <Card title="Your details">
      <form onSubmit={save}>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Typography textColor="neutral700">
            Logged in as <b>{profile.username}</b> ({profile.email}).{' '}
            {withContact.length
              ? `Your name and phone are kept on your contact at ${withContact.map((c) => c.client.name).join(', ')}; saving changes them at each.`
              : 'You have no contact record at any client yet.'}
          </Typography>
          <Failure error={error} />
          {done ? <Notice>Your details are saved.</Notice> : null}
          <Grid.Root gap={4}>
            <Grid.Item col={6} s={12} xs={12} direction="column" alignItems="stretch">
              <Input label="First name" name="firstName" value={firstName} onChange={setFirstName} autoComplete="given-name" required={false} maxLength={100} />
            </Grid.Item>
            <Grid.Item col={6} s={12} xs={12} direction="column" alignItems="stretch">
              <Input label="Last name" name="lastName" value={lastName} onChange={setLastName} autoComplete="family-name" required={false} maxLength={100} />
            </Grid.Item>
            <Grid.Item col={6} s={12} xs={12} direction="column" alignItems="stretch">
              <Input label="Phone" name="phone" type="tel" value={phone} onChange={setPhone} autoComplete="tel" required={false} maxLength={40} />
            </Grid.Item>
          </Grid.Root>
          <Box>
            <Button type="submit" loading={busy} disabled={withContact.length === 0}>
              Save your details
            </Button>
          </Box>
        </Flex>
      </form>
    </Card>
  );
}

/** What mail one client sends the person: each box saves at once. */
function ClientMail({ entry, saved }: { entry: Client; saved: (next: ProfileAnswer) => void }) {
  const { busy, error, run } = useSubmit();
  const [done, setDone] = useState('');
  const contact = entry.contact;
  const change = (kind: keyof EmailPreferences, on: boolean, label: string) =>
    void run(async () => {
      setDone('');
      const { data } = await call<{ data: ProfileAnswer }>(`/client-area/profile/clients/${entry.client.documentId}/email-preferences`, { method: 'PUT', body: { [kind]: on } });
      saved(data);
      setDone(`${label} mail from ${entry.client.name}: ${on ? 'on' : 'off'}.`);
    });
  return (
    <ItemCard
      label={entry.client.name}
      head={
        <>
          <Typography fontWeight="bold" tag="h3">
            {entry.client.name}
          </Typography>
          {entry.status !== 'active' ? <Tag tone="warning">{entry.status}</Tag> : null}
        </>
      }
    >
      {contact ? (
        <>
          <Typography variant="pi" textColor="neutral600">
            Sent to {contact.email}
          </Typography>
          <Flex gap={5} wrap="wrap" role="group" aria-label={`Mail from ${entry.client.name}`}>
            {KINDS.map(([kind, label, about]) => (
              <Checkbox key={kind} checked={contact.emailPreferences[kind]} disabled={busy} onCheckedChange={(checked: boolean | 'indeterminate') => change(kind, checked === true, label)}>
                <span>
                  {label}{' '}
                  <Typography variant="pi" textColor="neutral600">
                    ({about})
                  </Typography>
                </span>
              </Checkbox>
            ))}
          </Flex>
        </>
      ) : (
        <Typography textColor="neutral700">You have no contact record at {entry.client.name}, so it sends you no mail. Its master account can add one.</Typography>
      )}
      <Failure error={error} />
      {done ? <Notice>{done}</Notice> : null}
    </ItemCard>
  );
}

/** A new password: this login gets new tokens, every other login is ended (users-permissions). */
function Password() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, run } = useSubmit();
  const change = submitted(
    () =>
      void run(async () => {
        setDone(false);
        session.save(await call<{ jwt: string; refreshToken: string }>('/auth/change-password', { method: 'POST', body: { currentPassword: current, password: next, passwordConfirmation: again } }));
        setCurrent('');
        setNext('');
        setAgain('');
        setDone(true);
      }),
  );
  return (
    <Card title="Password">
      <form onSubmit={change}>
        <Flex direction="column" alignItems="stretch" gap={4} maxWidth="440px">
          <Failure error={error} />
          {done ? <Notice>Your password is changed. You stay logged in here; everywhere else you are logged out.</Notice> : null}
          <Input label="Current password" name="currentPassword" type="password" value={current} onChange={setCurrent} autoComplete="current-password" />
          <Input label="New password" name="password" type="password" value={next} onChange={setNext} autoComplete="new-password" hint="At least 10 characters." />
          <Input label="New password again" name="passwordConfirmation" type="password" value={again} onChange={setAgain} autoComplete="new-password" />
          <Box>
            <Button type="submit" loading={busy}>
              Change password
            </Button>
          </Box>
        </Flex>
      </form>
    </Card>
  );
}

/** Where the person is logged in: each session can be ended, or all of them. */
function Sessions() {
  const answer = useAnswer<{ data: LoginSession[] }>('/auth/sessions');
  const { end } = useSession();
  const { busy, error, run } = useSubmit();
  const [done, setDone] = useState('');
  const sessions = answer.data?.data ?? [];
  const endOne = (id: string) =>
    void run(async () => {
      setDone('');
      await call(`/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
      setDone('That session is logged out.');
      answer.reload();
    });
  const endAll = () =>
    void run(async () => {
      await call('/auth/logout', { method: 'POST', body: { scope: 'all' } });
      await end('You are logged out everywhere, here too.');
    });
  return (
    <Card title="Where you are logged in">
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Failure error={answer.error ?? error} />
        {done ? <Notice>{done}</Notice> : null}
        {answer.loading && !answer.data ? <Loading /> : null}
        {answer.data && sessions.length === 0 ? <Empty>No open session is listed: this login may be older than session tracking.</Empty> : null}
        <Flex tag="ul" direction="column" alignItems="stretch" gap={2} aria-label="Sessions">
          {sessions.map((s) => (
            <Box tag="li" key={s.id} style={{ listStyle: 'none' }} padding={3} background="neutral100" hasRadius>
              <Flex justifyContent="space-between" gap={2} wrap="wrap" alignItems="center">
                <Box>
                  <Typography fontWeight="bold">
                    {s.deviceName ?? 'A browser or app'}
                    {s.current ? ' — this browser' : ''}
                  </Typography>
                  <Typography variant="pi" textColor="neutral600" tag="p">
                    {s.loginAt ? `Logged in ${when(s.loginAt)}` : ''}
                    {s.lastActiveAt ? ` · last active ${when(s.lastActiveAt)}` : ''}
                  </Typography>
                </Box>
                {s.current ? null : (
                  <Button variant="tertiary" size="S" disabled={busy} onClick={() => endOne(s.id)}>
                    Log it out
                  </Button>
                )}
              </Flex>
            </Box>
          ))}
        </Flex>
        <Box>
          <Button variant="danger-light" disabled={busy} onClick={endAll}>
            Log out everywhere
          </Button>
        </Box>
      </Flex>
    </Card>
  );
}

/** The person's own page: details, mail per client, password, sessions. */
export function Profile() {
  const answer = useAnswer<{ data: ProfileAnswer }>('/client-area/profile');
  const [profile, setProfile] = useState<ProfileAnswer | undefined>();
  useEffect(() => setProfile(answer.data?.data), [answer.data]);
  return (
    <Page title="Your profile" lead="Your details, the mail each client sends you, your password and where you are logged in.">
      <Failure error={answer.error} />
      {profile ? (
        <>
          <Details profile={profile} saved={setProfile} />
          <Card title="Mail from each client">
            {profile.clients.length === 0 ? (
              <Empty>You are not a member of any client yet.</Empty>
            ) : (
              <Flex tag="ul" direction="column" alignItems="stretch" gap={3}>
                {profile.clients.map((entry) => (
                  <ClientMail key={entry.client.documentId} entry={entry} saved={setProfile} />
                ))}
              </Flex>
            )}
          </Card>
          <Password />
          <Sessions />
        </>
      ) : answer.loading ? (
        <Loading />
      ) : null}
    </Page>
  );
}
