import { useCallback, useEffect, useState } from 'react';
import { Box, Checkbox, Flex, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography, VisuallyHidden } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { describeFailure } from '../permissions';
import { useT, type T } from '../t';
import { MemberActions, OnceShown } from './MemberActions';
import { RolesPanel } from './RolesPanel';
import { Tone } from './Tone';
import { useAction } from '../data';

interface Grant {
  section: string;
  product: string | null;
}

export interface MatrixMember {
  documentId: string;
  kind: 'master' | 'sub-account';
  status: 'active' | 'suspended';
  identity: { username: string | null; email: string | null };
  parent: string | null;
  depth: number;
  role: { documentId: string; name: string } | 'custom';
  grants: Grant[];
  effective: Grant[];
}

export interface Matrix {
  sections: Array<{ name: string; label: string; productScoped: boolean }>;
  products: Array<{ documentId: string; name: string; status: string }>;
  roles: Array<{ documentId: string; name: string }>;
  members: MatrixMember[];
}

const same = (a: Grant, b: Grant) => a.section === b.section && a.product === b.product;
const holds = (grants: Grant[], grant: Grant) => grants.some((g) => same(g, grant));

/** Whose access flows through a member (rule 6): every member below it. */
export const below = (members: MatrixMember[], documentId: string): MatrixMember[] => {
  const children = members.filter((m) => m.parent === documentId);
  return children.flatMap((child) => [child, ...below(members, child.documentId)]);
};

export const loginOf = (member: MatrixMember) => member.identity.username ?? member.identity.email ?? member.documentId;

/** One grant of one member: ticked when the member holds it; marked when its managers keep it from taking effect. */
function GrantBox({ t, member, grant, label, name, covered, disabled, onToggle }: { t: T; member: MatrixMember; grant: Grant; label: string; name: string; covered: boolean; disabled: boolean; onToggle: (grant: Grant, on: boolean) => void }) {
  const own = holds(member.grants, grant);
  // A suspended member has no effect at all, said once on its row; here only what its managers withhold.
  const blocked = own && member.status === 'active' && !holds(member.effective, grant);
  return (
    <Flex gap={1} alignItems="center">
      <Checkbox
        aria-label={t('access.cell', { grant: name, login: loginOf(member) })}
        checked={own || covered}
        disabled={disabled || covered}
        onCheckedChange={(checked: boolean | 'indeterminate') => onToggle(grant, checked === true)}
      >
        <Typography variant="pi" textDecoration={blocked ? 'line-through' : undefined}>
          {label}
        </Typography>
      </Checkbox>
      {blocked ? (
        <Typography variant="pi" textColor="warning700" title={t('access.blocked.help')}>
          <span aria-hidden>{t('access.blocked')}</span>
          <VisuallyHidden>{t('access.blocked.sr')}</VisuallyHidden>
        </Typography>
      ) : null}
    </Flex>
  );
}

/**
 * A client's access matrix: members down the side in their hierarchy, sections across,
 * per-product boxes in product sections. A box is the member's own grant; one whose
 * managers lack it is struck through ("not in effect"). Staff with the contacts
 * "manage" permission tick boxes; each change goes through the same service and the
 * same rules as a master's, and the engine's refusal is shown as it words it.
 */
export function AccessMatrix({ clientId, canManage, onChanged }: { clientId: string; canManage: boolean; /** After a change: the page around it may show what changed (its master). */ onChanged?: () => void }) {
  const { get, put } = useFetchClient();
  const t = useT();
  const [matrix, setMatrix] = useState<Matrix | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useAction(t('access.what'));
  const [password, setPassword] = useState<{ login: string; value: string } | null>(null);

  const load = useCallback(() => {
    get(`/client-area/clients/${clientId}/access`)
      .then(({ data }) => {
        setMatrix((data as { data: Matrix }).data);
        setError(null);
      })
      .catch((e: unknown) => setError(describeFailure(t, e, t('access.what'))));
  }, [get, clientId, t]);
  useEffect(load, [load]);

  const change = async (request: () => Promise<unknown>, done: string) => {
    await run(request, done);
    load();
    onChanged?.();
  };

  if (error) return <Typography textColor="danger600" role="alert">{error}</Typography>;
  if (!matrix) return <Typography>{t('common.loading')}</Typography>;

  const toggle = (member: MatrixMember) => (grant: Grant, on: boolean) => {
    const grants = on ? [...member.grants, grant] : member.grants.filter((g) => !same(g, grant));
    return change(() => put(`/client-area/clients/${clientId}/members/${member.documentId}/grants`, { grants }), t('access.saved', { login: loginOf(member) }));
  };
  const assignRole = (member: MatrixMember, role: string) =>
    change(() => put(`/client-area/clients/${clientId}/members/${member.documentId}/role`, { role }), t('access.roleApplied', { login: loginOf(member) }));

  return (
    <Box>
      <Box paddingBottom={4}>
        <Typography variant="omega" textColor="neutral600">
          {t('access.help')}
        </Typography>
      </Box>
      <Box overflow="auto">
        <Table colCount={matrix.sections.length + 3} rowCount={matrix.members.length + 1}>
          <Thead>
            <Tr>
              <Th><Typography variant="sigma">{t('access.member')}</Typography></Th>
              <Th><Typography variant="sigma">{t('access.role')}</Typography></Th>
              {matrix.sections.map((section) => (
                <Th key={section.name}><Typography variant="sigma">{section.label}</Typography></Th>
              ))}
              <Th><Typography variant="sigma">{t('access.actions')}</Typography></Th>
            </Tr>
          </Thead>
          <Tbody>
            {matrix.members.map((member) => {
              const locked = !canManage || busy || member.kind === 'master';
              return (
                <Tr key={member.documentId}>
                  <Td>
                    <Box paddingLeft={member.depth * 4}>
                      <Flex direction="column" alignItems="flex-start" gap={1}>
                        <Typography fontWeight="bold">
                          {member.depth > 0 ? <span aria-hidden>└ </span> : null}
                          {loginOf(member)}
                        </Typography>
                        <Typography variant="pi" textColor="neutral600">{member.identity.email}</Typography>
                        <Flex gap={1}>
                          {member.kind === 'master' ? <Tone tone="primary">{t('access.master')}</Tone> : null}
                          {member.status === 'suspended' ? <Tone tone="danger">{t('status.suspended')}</Tone> : null}
                        </Flex>
                      </Flex>
                    </Box>
                  </Td>
                  <Td>
                    {member.kind === 'master' ? (
                      <Typography variant="pi">{t('access.everything')}</Typography>
                    ) : (
                      <SingleSelect
                        aria-label={t('access.roleOf', { login: loginOf(member) })}
                        size="S"
                        disabled={locked || matrix.roles.length === 0}
                        value={member.role === 'custom' ? 'custom' : member.role.documentId}
                        onChange={(value: string | number) => value !== 'custom' && assignRole(member, String(value))}
                      >
                        <SingleSelectOption value="custom">{t('access.custom')}</SingleSelectOption>
                        {matrix.roles.map((role) => (
                          <SingleSelectOption key={role.documentId} value={role.documentId}>
                            {role.name}
                          </SingleSelectOption>
                        ))}
                      </SingleSelect>
                    )}
                  </Td>
                  {matrix.sections.map((section) => {
                    if (member.kind === 'master') {
                      return (
                        <Td key={section.name}>
                          <Typography variant="pi" textColor="success600">{t('access.all')}</Typography>
                        </Td>
                      );
                    }
                    const wholeClient = { section: section.name, product: null };
                    return (
                      <Td key={section.name}>
                        <Flex direction="column" alignItems="flex-start" gap={1}>
                          <GrantBox
                            t={t}
                            member={member}
                            grant={wholeClient}
                            label={section.productScoped ? t('access.allProducts') : t('access.granted')}
                            name={section.productScoped ? `${section.label}: ${t('access.allProducts')}` : section.label}
                            covered={false}
                            disabled={locked}
                            onToggle={toggle(member)}
                          />
                          {section.productScoped
                            ? matrix.products.map((product) => (
                                <GrantBox
                                  key={product.documentId}
                                  t={t}
                                  member={member}
                                  grant={{ section: section.name, product: product.documentId }}
                                  label={product.name}
                                  name={`${section.label}: ${product.name}`}
                                  covered={holds(member.grants, wholeClient)}
                                  disabled={locked}
                                  onToggle={toggle(member)}
                                />
                              ))
                            : null}
                        </Flex>
                      </Td>
                    );
                  })}
                  <Td>
                    {member.kind === 'master' || !canManage ? null : (
                      <MemberActions clientId={clientId} member={member} members={matrix.members} busy={busy} run={change} reveal={setPassword} />
                    )}
                  </Td>
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      </Box>
      <RolesPanel clientId={clientId} matrix={matrix} canManage={canManage} onChanged={load} />
      <OnceShown password={password} onClose={() => setPassword(null)} />
    </Box>
  );
}
