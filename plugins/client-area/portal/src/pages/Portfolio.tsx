import { useState, type FormEvent } from 'react';
import { Box, Button, Checkbox, Flex, Typography } from '@strapi/design-system';
import type { ClientSummary, SecondaryLogon, SecurityGroup } from '../../../shared/customer-api';
import { call } from '../api';
import { Card, Confirm, Empty, Failure, Input, ItemCard, Loading, Notice, Page, Tag } from '../components';
import { useSectionLabels } from '../sections';
import { useAction, useAnswer, useSubmit } from '../useAnswer';

const submitted = (action: () => void) => (event: FormEvent) => {
  event.preventDefault();
  action();
};

/** A set of boxes, one per option, that gives back the whole new choice on each change. */
function Choice({
  label,
  options,
  chosen,
  disabled,
  onChange,
}: {
  label: string;
  options: Array<{ value: string; name: string }>;
  chosen: string[];
  disabled?: boolean;
  onChange: (next: string[]) => void;
}) {
  return (
    <Flex direction="column" alignItems="stretch" gap={1} role="group" aria-label={label}>
      <Typography variant="sigma" textColor="neutral600">
        {label}
      </Typography>
      <Flex gap={4} wrap="wrap">
        {options.map((option) => (
          <Checkbox
            key={option.value}
            checked={chosen.includes(option.value)}
            disabled={disabled}
            onCheckedChange={(on: boolean | 'indeterminate') => onChange(on === true ? [...chosen, option.value] : chosen.filter((value) => value !== option.value))}
          >
            {option.name}
          </Checkbox>
        ))}
      </Flex>
    </Flex>
  );
}

/** One security group: its clients (a client is in one group of its owner at a time); any but Default can be deleted. */
function GroupRow({ group, clients, reload }: { group: SecurityGroup; clients: ClientSummary[]; reload: () => void }) {
  const { busy, error, done, act } = useAction(reload);
  const [deleting, setDeleting] = useState(false);
  const assign = (next: string[]) => void act(() => call(`/client-area/security-groups/${group.documentId}/clients`, { method: 'PUT', body: { clients: next } }), `${group.name} is saved.`);
  return (
    <ItemCard
      label={group.name}
      head={
        <>
          <Typography fontWeight="bold" tag="h3">
            {group.name}
          </Typography>
          {group.isDefault ? <Tag>Default</Tag> : null}
        </>
      }
    >
      {group.isDefault ? (
        <Typography variant="pi" textColor="neutral700">
          Holds every client of yours that no other group lists: {group.clients.map((c) => c.name).join(', ') || 'none now'}.
        </Typography>
      ) : (
        <Choice
          label={`Clients in ${group.name}`}
          options={clients.map((c) => ({ value: c.documentId, name: c.name }))}
          chosen={group.clients.map((c) => c.documentId)}
          disabled={busy}
          onChange={assign}
        />
      )}
      {group.isDefault ? null : (
        <Box>
          <Button size="S" variant="danger-light" disabled={busy} onClick={() => setDeleting(true)}>
            Delete the group
          </Button>
        </Box>
      )}
      <Failure error={error} />
      {done ? <Notice>{done}</Notice> : null}
      <Confirm
        open={deleting}
        onOpenChange={setDeleting}
        title={`Delete ${group.name}?`}
        action="Delete"
        danger
        onConfirm={() => {
          setDeleting(false);
          void act(() => call(`/client-area/security-groups/${group.documentId}`, { method: 'DELETE' }), `${group.name} is deleted.`);
        }}
      >
        <Typography>Its clients go back to your Default group; a secondary logon that reached them only through {group.name} no longer does.</Typography>
      </Confirm>
    </ItemCard>
  );
}

/** One secondary logon: its groups and sections, changed at once; cancelled for good. */
function LogonRow({ logon, groups, sections, reload }: { logon: SecondaryLogon; groups: SecurityGroup[]; sections: Array<{ value: string; name: string }>; reload: () => void }) {
  const { busy, error, done, act } = useAction(reload);
  const [cancelling, setCancelling] = useState(false);
  const name = logon.logon.username ?? logon.logon.email ?? 'A logon';
  const change = (body: object) => void act(() => call(`/client-area/secondary-logons/${logon.documentId}`, { method: 'PUT', body }), `${name} is saved: this applies from their next click.`);
  const active = logon.status === 'active';
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
              {logon.logon.email}
            </Typography>
          </Box>
          <Tag tone={active ? 'success' : 'neutral'}>{logon.status}</Tag>
        </>
      }
    >
      {active ? (
        <>
          <Choice
            label="Reaches the clients of"
            options={groups.map((g) => ({ value: g.documentId, name: g.name }))}
            chosen={logon.securityGroups.map((g) => g.documentId)}
            disabled={busy}
            onChange={(next) => change({ securityGroups: next })}
          />
          <Choice label="With the sections" options={sections} chosen={logon.sections} disabled={busy} onChange={(next) => change({ sections: next })} />
          <Box>
            <Button size="S" variant="danger-light" disabled={busy} onClick={() => setCancelling(true)}>
              Cancel the logon
            </Button>
          </Box>
        </>
      ) : (
        <Typography variant="pi" textColor="neutral700">
          Cancelled: it reaches none of your clients.
        </Typography>
      )}
      <Failure error={error} />
      {done ? <Notice>{done}</Notice> : null}
      <Confirm
        open={cancelling}
        onOpenChange={setCancelling}
        title={`Cancel ${name}?`}
        action="Cancel the logon"
        danger
        onConfirm={() => {
          setCancelling(false);
          void act(() => call(`/client-area/secondary-logons/${logon.documentId}/cancel`, { method: 'POST' }), `${name} is cancelled.`);
        }}
      >
        <Typography>{name} loses every client of yours at once, for good. Their own login stays.</Typography>
      </Confirm>
    </ItemCard>
  );
}

/** A new secondary logon: someone's existing login, or a new account made here. */
function NewLogon({ groups, sections, created }: { groups: SecurityGroup[]; sections: Array<{ value: string; name: string }>; created: () => void }) {
  const [login, setLogin] = useState('');
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [chosenGroups, setGroups] = useState<string[]>([]);
  const [chosenSections, setSections] = useState<string[]>([]);
  const { busy, error, run } = useSubmit();
  const existing = login.trim() !== '';
  const create = submitted(
    () =>
      void run(async () => {
        const who = existing ? { login: login.trim() } : { newIdentity: { username: username.trim(), email: email.trim(), password } };
        await call('/client-area/secondary-logons', { method: 'POST', body: { ...who, securityGroups: chosenGroups, sections: chosenSections } });
        created();
      }),
  );
  return (
    <form onSubmit={create}>
      <Flex direction="column" alignItems="stretch" gap={3} padding={4} background="neutral100" hasRadius>
        <Failure error={error} />
        <Input label="Their existing login (username or email)" name="logon-login" value={login} onChange={setLogin} required={false} hint="Leave empty to make a new account below." />
        {existing ? null : (
          <Flex gap={3} wrap="wrap">
            <Box minWidth="200px">
              <Input label="New username" name="logon-username" value={username} onChange={setUsername} />
            </Box>
            <Box minWidth="240px">
              <Input label="Their email" name="logon-email" type="email" value={email} onChange={setEmail} />
            </Box>
            <Box minWidth="200px">
              <Input
                label="A first password"
                name="logon-password"
                type="password"
                value={password}
                onChange={setPassword}
                autoComplete="new-password"
                hint="At least 10 characters; they change it in their profile."
              />
            </Box>
          </Flex>
        )}
        <Choice label="Reaches the clients of" options={groups.map((g) => ({ value: g.documentId, name: g.name }))} chosen={chosenGroups} onChange={setGroups} />
        <Choice label="With the sections" options={sections} chosen={chosenSections} onChange={setSections} />
        <Box>
          <Button type="submit" loading={busy}>
            Create the secondary logon
          </Button>
        </Box>
      </Flex>
    </form>
  );
}

/**
 * Rule 9, for a portfolio owner (the master of clients): security groups of its clients,
 * and secondary logons that act for it in the clients of the groups they are given, with
 * the sections they are given, never beyond its own access.
 */
export function Portfolio() {
  const groups = useAnswer<{ data: SecurityGroup[] }>('/client-area/security-groups');
  const logons = useAnswer<{ data: SecondaryLogon[] }>('/client-area/secondary-logons');
  const clients = useAnswer<{ data: ClientSummary[] }>('/client-area/clients');
  const { sections } = useSectionLabels();
  const [newGroup, setNewGroup] = useState('');
  const [adding, setAdding] = useState(false);
  const [done, setDone] = useState('');
  const { busy, error, run } = useSubmit();
  const mine = (clients.data?.data ?? []).filter((c) => c.relation === 'master');
  const sectionOptions = sections.map((s) => ({ value: s.name, name: s.label }));
  const reload = () => {
    groups.reload();
    logons.reload();
  };
  const createGroup = submitted(
    () =>
      void run(async () => {
        await call('/client-area/security-groups', { method: 'POST', body: { name: newGroup.trim() } });
        setDone(`The group ${newGroup.trim()} is created: tick its clients below.`);
        setNewGroup('');
        groups.reload();
      }),
  );
  return (
    <Page title="Your portfolio" lead="Group the clients you are master of, and let secondary logons work for you in the groups you choose, with the sections you choose.">
      <Failure error={groups.error ?? logons.error ?? clients.error} />
      {clients.data && mine.length === 0 ? <Empty>You are not the master of any client, so you have no portfolio to share.</Empty> : null}
      <Card title="Security groups">
        <Flex direction="column" alignItems="stretch" gap={3}>
          {groups.loading && !groups.data ? <Loading /> : null}
          <Flex tag="ul" direction="column" alignItems="stretch" gap={3} aria-label="Security groups">
            {(groups.data?.data ?? []).map((group) => (
              <GroupRow key={group.documentId} group={group} clients={mine} reload={reload} />
            ))}
          </Flex>
          <form onSubmit={createGroup}>
            <Flex gap={3} alignItems="flex-end" wrap="wrap">
              <Box minWidth="240px">
                <Input label="New group" name="group-name" value={newGroup} onChange={setNewGroup} maxLength={100} />
              </Box>
              <Button type="submit" variant="secondary" loading={busy}>
                Create the group
              </Button>
            </Flex>
          </form>
          <Failure error={error} />
          {done ? <Notice>{done}</Notice> : null}
        </Flex>
      </Card>
      <Card title="Secondary logons">
        <Flex direction="column" alignItems="stretch" gap={3}>
          {logons.loading && !logons.data ? <Loading /> : null}
          {logons.data && logons.data.data.length === 0 ? <Empty>No one works for you yet. A secondary logon acts in your clients without being a member of them.</Empty> : null}
          <Flex tag="ul" direction="column" alignItems="stretch" gap={3} aria-label="Secondary logons">
            {(logons.data?.data ?? []).map((logon) => (
              <LogonRow key={logon.documentId} logon={logon} groups={groups.data?.data ?? []} sections={sectionOptions} reload={reload} />
            ))}
          </Flex>
          <Box>
            <Button variant="secondary" aria-expanded={adding} onClick={() => setAdding(!adding)}>
              {adding ? 'Cancel' : 'New secondary logon'}
            </Button>
          </Box>
          {adding ? (
            <NewLogon
              groups={groups.data?.data ?? []}
              sections={sectionOptions}
              created={() => {
                setAdding(false);
                logons.reload();
              }}
            />
          ) : null}
        </Flex>
      </Card>
    </Page>
  );
}
