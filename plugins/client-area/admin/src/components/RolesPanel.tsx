import { useState } from 'react';
import { Box, Button, Checkbox, Field, Flex, Modal, TextInput, Td, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useT } from '../t';
import { useAction, useFetched } from '../data';
import { ListTable } from './ListTable';
import { loginOf, type Matrix } from './AccessMatrix';

interface Grant {
  section: string;
  product: string | null;
}

interface Role {
  documentId: string;
  name: string;
  description: string | null;
  global: boolean;
  grants: Grant[];
}

const same = (a: Grant, b: Grant) => a.section === b.section && a.product === b.product;

/**
 * A client's access roles: what each grants and who holds it. Staff with the contacts
 * "manage" permission edit a role or make one; before saving, the editor names every
 * member whose access the change reaches (rule 8: a role's holders follow it).
 */
export function RolesPanel({ clientId, matrix, canManage, onChanged }: { clientId: string; matrix: Matrix; canManage: boolean; onChanged: () => void }) {
  const { post, put } = useFetchClient();
  const t = useT();
  const roles = useFetched<Role[]>(`/client-area/clients/${clientId}/roles`, t('roles.what'));
  const [editing, setEditing] = useState<Role | null>(null);
  const { busy: saving, run } = useAction(t('roles.what'));

  /** Who holds a role, read off the matrix so it is as fresh as the rows above it. */
  const holdersOf = (roleId: string) => matrix.members.filter((m) => m.role !== 'custom' && m.role.documentId === roleId).map(loginOf);
  const sectionLabel = (name: string) => matrix.sections.find((s) => s.name === name)?.label ?? name;
  const productName = (documentId: string) => matrix.products.find((p) => p.documentId === documentId)?.name ?? documentId;
  const describe = (grants: Grant[]) =>
    grants.length ? grants.map((g) => (g.product ? `${sectionLabel(g.section)} (${productName(g.product)})` : sectionLabel(g.section))).join(', ') : t('roles.nothing');

  const save = async () => {
    if (!editing) return;
    const body = { name: editing.name, grants: editing.grants };
    const { documentId } = editing;
    const saved = await run(
      () => (documentId ? put(`/client-area/clients/${clientId}/roles/${documentId}`, body) : post(`/client-area/clients/${clientId}/roles`, body)),
      t('roles.saved', { name: editing.name }),
    );
    if (!saved) return;
    setEditing(null);
    roles.reload();
    onChanged();
  };

  const toggle = (grant: Grant, on: boolean) =>
    editing && setEditing({ ...editing, grants: on ? [...editing.grants, grant] : editing.grants.filter((g) => !same(g, grant)) });
  const holds = (grant: Grant) => Boolean(editing?.grants.some((g) => same(g, grant)));

  return (
    <Box paddingTop={8}>
      <Flex justifyContent="space-between" alignItems="center" paddingBottom={3}>
        <Typography variant="delta" tag="h2">{t('roles.title')}</Typography>
        {canManage ? (
          <Button variant="secondary" onClick={() => setEditing({ documentId: '', name: '', description: null, global: false, grants: [] })}>
            {t('roles.new')}
          </Button>
        ) : null}
      </Flex>
      <ListTable
        heads={[t('roles.name'), t('roles.grants'), t('roles.holders'), t('access.actions')]}
        rows={roles.data}
        error={roles.error}
        none={t('roles.none')}
        rowKey={(role) => role.documentId}
        cells={(role) => (
          <>
            <Td><Typography fontWeight="bold">{role.name}</Typography></Td>
            <Td style={{ whiteSpace: 'normal' }}><Typography>{describe(role.grants)}</Typography></Td>
            <Td style={{ whiteSpace: 'normal' }}><Typography>{holdersOf(role.documentId).join(', ') || t('roles.nobody')}</Typography></Td>
            <Td>
              {canManage && !role.global ? (
                <Button size="S" variant="tertiary" onClick={() => setEditing(role)} aria-label={t('roles.edit.of', { name: role.name })}>
                  {t('roles.edit')}
                </Button>
              ) : null}
            </Td>
          </>
        )}
      />
      <Modal.Root open={editing !== null} onOpenChange={(open: boolean) => !open && setEditing(null)}>
        {editing ? (
          <Modal.Content>
            <Modal.Header>
              <Modal.Title>{editing.documentId ? t('roles.edit.of', { name: editing.name }) : t('roles.new')}</Modal.Title>
            </Modal.Header>
            <Modal.Body>
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Field.Root name="name">
                  <Field.Label>{t('roles.name')}</Field.Label>
                  <TextInput value={editing.name} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setEditing({ ...editing, name: e.target.value })} />
                </Field.Root>
                {matrix.sections.map((section) => (
                  <Box key={section.name} tag="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
                    <Typography variant="sigma" tag="legend">{section.label}</Typography>
                    <Flex gap={4} wrap="wrap" paddingTop={1}>
                      <Checkbox checked={holds({ section: section.name, product: null })} onCheckedChange={(on: boolean | 'indeterminate') => toggle({ section: section.name, product: null }, on === true)}>
                        {section.productScoped ? t('access.allProducts') : t('access.granted')}
                      </Checkbox>
                      {section.productScoped
                        ? matrix.products.map((product) => (
                            <Checkbox
                              key={product.documentId}
                              checked={holds({ section: section.name, product: product.documentId }) || holds({ section: section.name, product: null })}
                              disabled={holds({ section: section.name, product: null })}
                              onCheckedChange={(on: boolean | 'indeterminate') => toggle({ section: section.name, product: product.documentId }, on === true)}
                            >
                              {product.name}
                            </Checkbox>
                          ))
                        : null}
                    </Flex>
                  </Box>
                ))}
                <Box padding={3} background="neutral100" hasRadius aria-live="polite">
                  <Typography>
                    {holdersOf(editing.documentId).length
                      ? t('roles.reaches', { count: holdersOf(editing.documentId).length, logins: holdersOf(editing.documentId).join(', ') })
                      : t('roles.reaches.nobody')}
                  </Typography>
                </Box>
              </Flex>
            </Modal.Body>
            <Modal.Footer>
              <Modal.Close>
                <Button variant="tertiary">{t('common.cancel')}</Button>
              </Modal.Close>
              <Button onClick={save} loading={saving} disabled={saving || !editing.name.trim()}>
                {t('roles.save')}
              </Button>
            </Modal.Footer>
          </Modal.Content>
        ) : null}
      </Modal.Root>
    </Box>
  );
}
