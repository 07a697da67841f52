import { useState, type ReactNode } from 'react';
import { Box, Button, Checkbox, Dialog, Field, Flex, SingleSelect, SingleSelectOption, Typography, VisuallyHidden } from '@strapi/design-system';
import type { AccessMatrix, ClientDetail, DecisionDto, GrantDto, MatrixMember } from '../../../shared/customer-api';
import { call } from '../api';
import { Card, Confirm, Failure, Loading, Notice, Tag } from '../components';
import { useAction, type useAnswer } from '../useAnswer';
import { inPlainNames } from '../words';

const keyOf = (grant: GrantDto) => `${grant.section}@${grant.product ?? '*'}`;
const holds = (grants: GrantDto[], grant: GrantDto) => grants.some((g) => keyOf(g) === keyOf(grant));
export const loginOf = (member: { identity: { username: string | null; email: string | null }; documentId: string }) => member.identity.username ?? member.identity.email ?? member.documentId;

/** Every member below one (rule 6): whose access stops with its suspension. */
const below = (members: MatrixMember[], documentId: string): MatrixMember[] =>
  members.filter((m) => m.parent === documentId).flatMap((child) => [child, ...below(members, child.documentId)]);

/** The names of this client, its products and its members, for the engine's reasons. */
function namesOf(matrix: AccessMatrix, client: ClientDetail) {
  const names = new Map<string, string>([[client.documentId, client.name]]);
  for (const product of matrix.products) names.set(product.documentId, product.name);
  for (const member of matrix.members) names.set(member.documentId, loginOf(member));
  return names;
}

/** The engine's reason, with the names of this client, its products and its members. */
const readable = (reason: string, matrix: AccessMatrix, client: ClientDetail) => inPlainNames(reason, namesOf(matrix, client));

/** What a member can do, in a line: everything for the master, else its grants in effect. */
function summary(member: MatrixMember, matrix: AccessMatrix, label: (name: string) => string) {
  if (member.kind === 'master') return 'Everything, on every product (master account)';
  if (member.status === 'suspended') return 'Suspended: no access until restored';
  if (member.effective.length === 0) return member.grants.length ? 'None in effect: the member above it lacks what it was given' : 'No access yet';
  const product = (documentId: string) => matrix.products.find((p) => p.documentId === documentId)?.name ?? 'a product you do not see';
  // A section held for the whole client covers its products: said once.
  const shown = member.effective.filter((g) => g.product === null || !holds(member.effective, { section: g.section, product: null }));
  return shown.map((g) => (g.product ? `${label(g.section)} (${product(g.product)})` : label(g.section))).join(', ');
}

/** The boxes of a grant table, in reading order: each section's whole-client box, then its products'. */
const cellsOf = (matrix: Pick<AccessMatrix, 'sections' | 'products'>): GrantDto[] =>
  matrix.sections.flatMap((section) => [{ section: section.name, product: null }, ...(section.productScoped ? matrix.products.map((p) => ({ section: section.name, product: p.documentId })) : [])]);

/**
 * Sections down, "whole client" and each product the reader sees across, a box in each
 * cell (`box` draws it, with its accessible name); a section held only client-wide has a
 * dash for each product. Focusable, so that a keyboard scrolls it on a phone.
 */
export function GrantTable({ matrix, title, caption, box }: { matrix: Pick<AccessMatrix, 'sections' | 'products'>; title: string; caption: string; box: (grant: GrantDto, name: string) => ReactNode }) {
  const productScoped = matrix.sections.some((s) => s.productScoped);
  return (
    <Box overflow="auto" tabIndex={0} role="region" aria-label={title}>
      <table className="grid">
        <caption>
          <VisuallyHidden>{caption}</VisuallyHidden>
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <Typography variant="sigma">Section</Typography>
            </th>
            <th scope="col">
              <Typography variant="sigma">Whole client</Typography>
            </th>
            {productScoped
              ? matrix.products.map((product) => (
                  <th scope="col" key={product.documentId}>
                    <Typography variant="sigma">{product.name}</Typography>
                  </th>
                ))
              : null}
          </tr>
        </thead>
        <tbody>
          {matrix.sections.map((section) => (
            <tr key={section.name}>
              <th scope="row">
                <Typography>{section.label}</Typography>
              </th>
              <td>{box({ section: section.name, product: null }, `${section.label}, whole client`)}</td>
              {productScoped
                ? matrix.products.map((product) => (
                    <td key={product.documentId}>
                      {section.productScoped ? box({ section: section.name, product: product.documentId }, `${section.label} on ${product.name}`) : <Typography textColor="neutral500" aria-label="Not per product">—</Typography>}
                    </td>
                  ))
                : null}
            </tr>
          ))}
        </tbody>
      </table>
    </Box>
  );
}

/**
 * One member's access: sections down, "whole client" and each product across. A box
 * the reader may not change is locked, with the engine's reason in the numbered list
 * under the table (the box points to it).
 */
function Grid({ member, matrix, client, label, busy, onToggle }: { member: MatrixMember; matrix: AccessMatrix; client: ClientDetail; label: (name: string) => string; busy: boolean; onToggle: (grant: GrantDto, on: boolean) => void }) {
  const reasons: string[] = [];
  const footnote = (reason: string) => {
    const text = readable(reason, matrix, client);
    if (!reasons.includes(text)) reasons.push(text);
    return reasons.indexOf(text) + 1;
  };
  const id = (n: number) => `why-${member.documentId}-${n}`;
  const lockOf = (grant: GrantDto) => (member.can.grants.allowed ? member.can.locked[keyOf(grant)] : undefined);
  // The reasons numbered in the table's reading order, before the table draws its boxes.
  for (const grant of cellsOf(matrix)) {
    const lock = lockOf(grant);
    if (lock) footnote(lock);
  }
  const box = (grant: GrantDto, name: string) => {
    const own = holds(member.grants, grant);
    const coveredByWhole = grant.product !== null && holds(member.grants, { section: grant.section, product: null });
    const lock = lockOf(grant);
    const n = lock ? footnote(lock) : 0;
    const notInEffect = own && member.status === 'active' && !holds(member.effective, grant);
    return (
      <Flex gap={1} alignItems="center">
        <Checkbox
          aria-label={`${name} for ${loginOf(member)}`}
          aria-describedby={n ? id(n) : undefined}
          checked={own || coveredByWhole}
          disabled={!member.can.grants.allowed || coveredByWhole || Boolean(lock) || busy}
          onCheckedChange={(checked: boolean | 'indeterminate') => onToggle(grant, checked === true)}
        />
        {n ? (
          <Typography variant="pi" textColor="neutral600" aria-hidden>
            <sup>{n}</sup>
          </Typography>
        ) : null}
        {notInEffect ? (
          <Typography variant="pi" textColor="warning700">
            not in effect
          </Typography>
        ) : null}
      </Flex>
    );
  };
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <GrantTable matrix={matrix} title={`Access of ${loginOf(member)}`} caption={`Access of ${loginOf(member)} at ${client.name}`} box={box} />
      {reasons.length ? (
        <Box tag="ol" paddingLeft={5} aria-label="Why some boxes are locked">
          {reasons.map((reason, i) => (
            <li key={reason} id={id(i + 1)}>
              <Typography variant="pi" textColor="neutral700">
                Locked: {reason}
              </Typography>
            </li>
          ))}
        </Box>
      ) : null}
    </Flex>
  );
}

type Action = 'suspend' | 'restore' | 'remove' | 'rotatePassword';

const ACTIONS: Record<Action, { button: string; path: (base: string) => string; method: 'POST' | 'DELETE'; danger: boolean }> = {
  suspend: { button: 'Suspend', path: (base) => `${base}/suspend`, method: 'POST', danger: true },
  restore: { button: 'Restore', path: (base) => `${base}/restore`, method: 'POST', danger: false },
  rotatePassword: { button: 'New relationship password', path: (base) => `${base}/relationship-password`, method: 'POST', danger: false },
  remove: { button: 'Remove', path: (base) => `${base}?takeOver=true`, method: 'DELETE', danger: true },
};

/** What an action will do to the member, said before it is done. */
function consequence(action: Action, member: MatrixMember, matrix: AccessMatrix, client: ClientDetail, decision: DecisionDto) {
  const login = loginOf(member);
  const cascade = below(matrix.members, member.documentId).map(loginOf);
  if (action === 'suspend') {
    return cascade.length
      ? `${login} loses all access to ${client.name} at once, and so do the members ${login} manages: ${cascade.join(', ')}. Their grants are kept for when you restore ${login}.`
      : `${login} loses all access to ${client.name} at once. The grants are kept for when you restore ${login}.`;
  }
  if (action === 'restore') return `${login} gets back the access it had${cascade.length ? `, and so do ${cascade.join(', ')}` : ''}.`;
  if (action === 'rotatePassword') return `${login}'s relationship password stops working now. The new one is shown to you once: give it to ${login} yourself.`;
  return `${login} loses access to ${client.name} for good. ${readable(decision.reason, matrix, client)}`;
}

/** A new relationship password, shown once with a copy button. */
export function OnceShown({ shown, onClose }: { shown: { login: string; password: string } | null; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <Dialog.Root open={shown !== null} onOpenChange={(open: boolean) => !open && (onClose(), setCopied(false))}>
      {shown ? (
        <Dialog.Content>
          <Dialog.Header>New relationship password for {shown.login}</Dialog.Header>
          <Dialog.Body>
            <Flex direction="column" alignItems="stretch" gap={3}>
              <Typography>It is shown only now. Give it to {shown.login} yourself, by a way other than this email address.</Typography>
              <Box padding={3} background="neutral100" hasRadius>
                <Typography fontWeight="bold" style={{ fontFamily: "monospace" }} data-testid="relationship-password">
                  {shown.password}
                </Typography>
              </Box>
              {copied ? <Notice>Copied.</Notice> : null}
            </Flex>
          </Dialog.Body>
          <Dialog.Footer>
            <Button variant="secondary" onClick={() => void navigator.clipboard?.writeText(shown.password).then(() => setCopied(true))}>
              Copy
            </Button>
            <Dialog.Cancel>
              <Button>Done</Button>
            </Dialog.Cancel>
          </Dialog.Footer>
        </Dialog.Content>
      ) : null}
    </Dialog.Root>
  );
}

function MemberCard({ member, matrix, client, label, reload }: { member: MatrixMember; matrix: AccessMatrix; client: ClientDetail; label: (name: string) => string; reload: () => void }) {
  const [open, setOpen] = useState(false);
  const [asking, setAsking] = useState<Action | null>(null);
  const [shown, setShown] = useState<{ login: string; password: string } | null>(null);
  const { busy, error, done, act } = useAction(reload);
  const login = loginOf(member);
  const base = `/client-area/clients/${client.documentId}/members/${member.documentId}`;
  const toggle = (grant: GrantDto, on: boolean) => {
    const grants = on ? [...member.grants, grant] : member.grants.filter((g) => keyOf(g) !== keyOf(grant));
    void act(() => call(`${base}/grants`, { method: 'PUT', body: { grants } }), `Saved: ${login}'s access has changed.`);
  };
  const assignRole = (role: string) => void act(() => call(`${base}/role`, { method: 'PUT', body: { role } }), `Saved: ${login} now has the role ${matrix.roles.find((r) => r.documentId === role)?.name}.`);
  const perform = (action: Action) => {
    setAsking(null);
    void act(async () => {
      const answer = await call<{ data: { relationshipPassword?: string } }>(ACTIONS[action].path(base), { method: ACTIONS[action].method });
      if (answer?.data.relationshipPassword) setShown({ login, password: answer.data.relationshipPassword });
    }, { suspend: `${login} is suspended.`, restore: `${login} is restored.`, remove: `${login} is removed.`, rotatePassword: `${login} has a new relationship password.` }[action]);
  };
  const actions = (Object.keys(ACTIONS) as Action[]).filter((action) => member.can[action].allowed);
  const canChange = member.can.grants.allowed;

  return (
    <Box tag="li" style={{ listStyle: 'none' }} padding={4} background="neutral0" hasRadius borderColor="neutral200" marginLeft={Math.min(member.depth, 4) * 4} aria-label={login}>
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Flex justifyContent="space-between" gap={2} wrap="wrap" alignItems="flex-start">
          <Box>
            <Typography fontWeight="bold" tag="h3">
              {member.depth > 0 ? <span aria-hidden>└ </span> : null}
              {login}
              {member.you ? ' (you)' : ''}
            </Typography>
            {member.identity.email && member.identity.email !== login ? (
              <Typography variant="pi" textColor="neutral600">
                {member.identity.email}
              </Typography>
            ) : null}
          </Box>
          <Flex gap={2} wrap="wrap">
            <Tag>{member.kind === 'master' ? 'Master account' : member.role === 'custom' ? 'Custom access' : `Role: ${member.role.name}`}</Tag>
            {member.status !== 'active' ? <Tag tone="danger">{member.status}</Tag> : null}
          </Flex>
        </Flex>
        <Typography variant="omega" textColor="neutral700">
          {summary(member, matrix, label)}
        </Typography>
        {member.kind !== 'master' ? (
          <Flex gap={2} wrap="wrap">
            <Button variant="secondary" size="S" aria-expanded={open} onClick={() => setOpen(!open)}>
              {open ? 'Hide access' : canChange ? 'Change access' : 'Show access'}
            </Button>
            {actions.map((action) => (
              <Button key={action} size="S" variant={ACTIONS[action].danger ? 'danger-light' : 'tertiary'} disabled={busy} onClick={() => setAsking(action)}>
                {ACTIONS[action].button}
              </Button>
            ))}
          </Flex>
        ) : null}
        <Failure error={error} names={namesOf(matrix, client)} />
        {done ? <Notice>{done}</Notice> : null}
        {open ? (
          <Flex direction="column" alignItems="stretch" gap={3}>
            {canChange ? null : <Typography textColor="neutral700">You can't change {login}'s access: {readable(member.can.grants.reason, matrix, client).replace(/^./, (c) => c.toLowerCase())}</Typography>}
            {canChange && matrix.roles.length ? (
              <Box maxWidth="320px">
                <Field.Root name={`role-${member.documentId}`} hint="A role gives its access at once; changing a box afterwards makes the access custom.">
                  <Field.Label>Role</Field.Label>
                  <SingleSelect value={member.role === 'custom' ? 'custom' : member.role.documentId} disabled={busy} onChange={(value: string | number) => String(value) !== 'custom' && assignRole(String(value))}>
                    <SingleSelectOption value="custom">Custom access</SingleSelectOption>
                    {matrix.roles.map((role) => (
                      <SingleSelectOption key={role.documentId} value={role.documentId}>
                        {role.name}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                  <Field.Hint />
                </Field.Root>
              </Box>
            ) : null}
            <Grid member={member} matrix={matrix} client={client} label={label} busy={busy} onToggle={toggle} />
          </Flex>
        ) : null}
      </Flex>
      <Confirm
        open={asking !== null}
        onOpenChange={(next) => !next && setAsking(null)}
        title={asking ? `${ACTIONS[asking].button}: ${login}?` : ''}
        action={asking ? ACTIONS[asking].button : ''}
        danger={asking ? ACTIONS[asking].danger : false}
        onConfirm={() => asking && perform(asking)}
      >
        {asking ? <Typography>{consequence(asking, member, matrix, client, member.can[asking])}</Typography> : null}
      </Confirm>
      <OnceShown shown={shown} onClose={() => setShown(null)} />
    </Box>
  );
}

/**
 * Members and access (rules 5–8): every member of the client in its hierarchy, what it
 * can do, and, for whoever manages it, its grants to tick, its role, and suspend,
 * restore, remove and a new relationship password — each refused box or action in the
 * engine's words.
 */
export function Members({ client, label, answer }: { client: ClientDetail; label: (name: string) => string; answer: ReturnType<typeof useAnswer<{ data: AccessMatrix }>> }) {
  const matrix = answer.data?.data;
  return (
    <Card title="Members and access">
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography textColor="neutral600">
          Each member sees exactly the sections and products ticked for it, and never more than the member above it. Boxes you can't change are locked, with the reason below them.
        </Typography>
        <Failure error={answer.error} />
        {answer.loading && !matrix ? <Loading /> : null}
        {matrix ? (
          <Flex tag="ul" direction="column" alignItems="stretch" gap={3}>
            {matrix.members.map((member) => (
              <MemberCard key={member.documentId} member={member} matrix={matrix} client={client} label={label} reload={answer.reload} />
            ))}
          </Flex>
        ) : null}
      </Flex>
    </Card>
  );
}
