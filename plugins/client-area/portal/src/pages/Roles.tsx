import { useState, type FormEvent } from 'react';
import { Box, Button, Checkbox, Flex, Typography } from '@strapi/design-system';
import type { AccessMatrix, ClientDetail, GrantDto, RoleEntry } from '../../../shared/customer-api';
import { call } from '../api';
import { Card, Confirm, Empty, Failure, Input, ItemCard, Loading, Notice, Tag } from '../components';
import { useAction, useAnswer, useSubmit } from '../useAnswer';
import { GrantTable, loginOf } from './Access';

const keyOf = (grant: GrantDto) => `${grant.section}@${grant.product ?? '*'}`;

/** What the reader holds at the client: a role can't give more (rule 5), so a box beyond it is locked. */
function ceilingOf(client: ClientDetail) {
  if (client.relation === 'master') return () => true;
  return (grant: GrantDto) =>
    client.clientWideSections.includes(grant.section) || (grant.product !== null && Boolean(client.products.find((p) => p.documentId === grant.product)?.sections.includes(grant.section)));
}

/** The names the engine's reasons may mention here: the client, its products and members. */
const namesIn = (client: ClientDetail, matrix: AccessMatrix) =>
  new Map<string, string>([[client.documentId, client.name], ...matrix.products.map((p) => [p.documentId, p.name] as [string, string]), ...matrix.members.map((m) => [m.documentId, loginOf(m)] as [string, string])]);

/** A role's grants in a line, with the products named. */
function describe(grants: GrantDto[], matrix: AccessMatrix) {
  if (grants.length === 0) return 'No access';
  const section = (name: string) => matrix.sections.find((s) => s.name === name)?.label ?? name;
  const product = (documentId: string) => matrix.products.find((p) => p.documentId === documentId)?.name ?? 'a product you do not see';
  return grants.map((g) => (g.product ? `${section(g.section)} (${product(g.product)})` : section(g.section))).join(', ');
}

/** A role's name, description and grants to tick: sections down, "whole client" and each product across. */
function RoleForm({ client, matrix, role, saved, cancel }: { client: ClientDetail; matrix: AccessMatrix; role: RoleEntry | null; saved: (message: string) => void; cancel: () => void }) {
  const [name, setName] = useState(role?.name ?? '');
  const [description, setDescription] = useState(role?.description ?? '');
  const [grants, setGrants] = useState<GrantDto[]>(role?.grants ?? []);
  const { busy, error, run } = useSubmit();
  const mayGive = ceilingOf(client);
  const held = (grant: GrantDto) => grants.some((g) => keyOf(g) === keyOf(grant));
  const toggle = (grant: GrantDto, on: boolean) => setGrants((now) => (on ? [...now, grant] : now.filter((g) => keyOf(g) !== keyOf(grant))));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const body = { name: name.trim(), description: description.trim() || null, grants };
      const base = `/client-area/clients/${client.documentId}/roles`;
      await call(role ? `${base}/${role.documentId}` : base, { method: role ? 'PUT' : 'POST', body });
      saved(role ? `Saved: ${body.name}${role.holders.length ? `, and the access of the ${role.holders.length === 1 ? 'member' : `${role.holders.length} members`} holding it` : ''}.` : `The role ${body.name} is made. Apply it to a member in the member's access.`);
    });
  };
  const box = (grant: GrantDto, label: string) => {
    const coveredByWhole = grant.product !== null && held({ section: grant.section, product: null });
    const beyond = !mayGive(grant) && !held(grant);
    return (
      <Checkbox
        aria-label={label}
        aria-describedby={beyond ? `beyond-${role?.documentId ?? 'new'}` : undefined}
        checked={held(grant) || coveredByWhole}
        disabled={busy || coveredByWhole || beyond}
        onCheckedChange={(on: boolean | 'indeterminate') => toggle(grant, on === true)}
      />
    );
  };
  return (
    <form onSubmit={submit} aria-label={role ? `Edit the role ${role.name}` : 'New role'}>
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Failure error={error} names={namesIn(client, matrix)} />
        <Flex gap={3} wrap="wrap" alignItems="flex-start">
          <Box style={{ flex: '1 1 220px' }}>
            <Input label="Name" name="role-name" value={name} onChange={setName} maxLength={100} />
          </Box>
          <Box style={{ flex: '2 1 260px' }}>
            <Input label="Description" name="role-description" value={description} onChange={setDescription} required={false} maxLength={2000} />
          </Box>
        </Flex>
        <GrantTable matrix={matrix} title="What the role gives" caption={`What the role gives at ${client.name}`} box={box} />
        {client.relation === 'master' ? null : (
          <Typography variant="pi" textColor="neutral700" id={`beyond-${role?.documentId ?? 'new'}`}>
            A role gives no more than you hold yourself: the boxes beyond your own access are locked.
          </Typography>
        )}
        {role && role.holders.length ? (
          <Typography variant="pi" textColor="neutral700">
            Saving changes the access of everyone holding it at once.
          </Typography>
        ) : null}
        <Flex gap={2} wrap="wrap">
          <Button type="submit" loading={busy} disabled={!name.trim()}>
            {role ? 'Save the role' : 'Make the role'}
          </Button>
          <Button variant="tertiary" onClick={cancel}>
            Cancel
          </Button>
        </Flex>
      </Flex>
    </form>
  );
}

function RoleCard({ client, matrix, role, changed, deleted }: { client: ClientDetail; matrix: AccessMatrix; role: RoleEntry; changed: () => void; deleted: (message: string) => void }) {
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [saved, setSaved] = useState('');
  // Once deleted, the card is gone: the list says so.
  const { busy, error, act } = useAction(() => deleted(`The role ${role.name} is deleted.`));
  const holders = role.holders.map((documentId) => matrix.members.find((m) => m.documentId === documentId)).filter(Boolean).map((m) => loginOf(m!));
  return (
    <ItemCard
      label={role.name}
      head={
        <>
          <Box>
            <Typography fontWeight="bold" tag="h3">
              {role.name}
            </Typography>
            {role.description ? (
              <Typography variant="pi" textColor="neutral600" tag="p">
                {role.description}
              </Typography>
            ) : null}
          </Box>
          {role.global ? <Tag>From our staff</Tag> : null}
        </>
      }
    >
      <Typography textColor="neutral800">Gives: {describe(role.grants, matrix)}</Typography>
      <Typography variant="pi" textColor="neutral700">
        {holders.length ? `Held by ${holders.join(', ')}` : 'Held by nobody yet'}
      </Typography>
      {saved && !editing ? <Notice>{saved}</Notice> : null}
      <Failure error={error} names={namesIn(client, matrix)} />
      {editing ? (
        <RoleForm
          client={client}
          matrix={matrix}
          role={role}
          cancel={() => setEditing(false)}
          saved={(message) => {
            setEditing(false);
            setSaved(message);
            changed();
          }}
        />
      ) : role.global ? (
        <Typography variant="pi" textColor="neutral600">
          Our staff keep this role; you apply it to members in their access.
        </Typography>
      ) : (
        <Flex gap={2} wrap="wrap">
          <Button size="S" variant="secondary" onClick={() => setEditing(true)}>
            Edit
          </Button>
          <Button size="S" variant="danger-light" disabled={busy} onClick={() => setDeleting(true)}>
            Delete
          </Button>
        </Flex>
      )}
      <Confirm
        open={deleting}
        onOpenChange={setDeleting}
        title={`Delete the role ${role.name}?`}
        action="Delete the role"
        danger
        onConfirm={() => {
          setDeleting(false);
          void act(() => call(`/client-area/clients/${client.documentId}/roles/${role.documentId}`, { method: 'DELETE' }), `The role ${role.name} is deleted.`);
        }}
      >
        {holders.length
          ? `${holders.join(', ')} keep${holders.length === 1 ? 's' : ''} the access the role gave, as custom access; nobody loses anything.`
          : 'Nobody holds it: nobody’s access changes.'}
      </Confirm>
    </ItemCard>
  );
}

/**
 * Roles (rule 8): the client's roles and the global ones staff keep, what each gives and who
 * holds it; a new role, or a change to one, gives no more than the reader holds, and a
 * change reaches every holder at once (the server refuses one that would lift a holder
 * above its ceiling, in the engine's words).
 */
export function Roles({ client, matrix, changed }: { client: ClientDetail; matrix: AccessMatrix; changed: () => void }) {
  const answer = useAnswer<{ data: RoleEntry[] }>(`/client-area/clients/${client.documentId}/roles`);
  const [making, setMaking] = useState(false);
  const [made, setMade] = useState('');
  const roles = answer.data?.data;
  const after = () => {
    answer.reload();
    changed();
  };
  return (
    <Card title="Roles">
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography textColor="neutral600">A role is a set of access you give members in one go. Change a role, and everyone holding it changes with it.</Typography>
        <Failure error={answer.error} />
        {answer.loading && !roles ? <Loading /> : null}
        {roles && roles.length === 0 ? <Empty>{client.name} has no role yet: make one for access you give often, such as “Billing department”.</Empty> : null}
        <Flex tag="ul" direction="column" alignItems="stretch" gap={3} aria-label="Roles">
          {(roles ?? []).map((role) => (
            <RoleCard
              key={role.documentId}
              client={client}
              matrix={matrix}
              role={role}
              changed={after}
              deleted={(message) => {
                setMade(message);
                after();
              }}
            />
          ))}
        </Flex>
        {made ? <Notice>{made}</Notice> : null}
        {making ? (
          <Box padding={4} background="neutral100" hasRadius>
            <RoleForm
              client={client}
              matrix={matrix}
              role={null}
              cancel={() => setMaking(false)}
              saved={(message) => {
                setMaking(false);
                setMade(message);
                after();
              }}
            />
          </Box>
        ) : (
          <Flex>
            <Button variant="secondary" onClick={() => (setMade(''), setMaking(true))}>
              New role
            </Button>
          </Flex>
        )}
      </Flex>
    </Card>
  );
}
