import { useState } from 'react';
import { Box, Button, Dialog, Flex, SimpleMenu, MenuItem, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useT } from '../t';
import { below, loginOf, type MatrixMember } from './AccessMatrix';
import { Confirm } from './Confirm';

type Action = 'suspend' | 'restore' | 'remove' | 'rotate' | 'unlock' | 'master';

/**
 * What staff do to one member, each confirmed first with what it will cause: a
 * suspension names every member below whose access stops with it (rule 6); a removal
 * names who takes over; a new relationship password is shown once, to copy.
 */
export function MemberActions({
  clientId,
  member,
  members,
  busy,
  run,
  reveal,
}: {
  clientId: string;
  member: MatrixMember;
  members: MatrixMember[];
  busy: boolean;
  run: (request: () => Promise<unknown>, done: string) => Promise<void>;
  /** Shows a new relationship password once: it outlives this row, whose member may become the master. */
  reveal: (password: { login: string; value: string }) => void;
}) {
  const { post, del } = useFetchClient();
  const t = useT();
  const [open, setOpen] = useState<Action | null>(null);
  const login = loginOf(member);
  const path = `/client-area/clients/${clientId}/members/${member.documentId}`;
  const cascade = below(members, member.documentId);
  // A removal hands the members right below it to the master; those further down keep their managers.
  const children = members.filter((m) => m.parent === member.documentId);
  const listed = open === 'suspend' ? cascade : open === 'remove' ? children : [];
  const master = members.find((m) => m.kind === 'master');

  const confirm = async () => {
    const action = open;
    setOpen(null);
    if (action === 'suspend') await run(() => post(`${path}/suspend`), t('member.suspended', { login }));
    if (action === 'restore') await run(() => post(`${path}/restore`), t('member.restored', { login }));
    if (action === 'remove') await run(() => del(`${path}?takeOver=true`), t('member.removed', { login }));
    if (action === 'unlock') await run(() => post(`${path}/unlock`), t('member.unlocked', { login }));
    if (action === 'rotate') {
      await run(async () => {
        const { data } = await post(`${path}/relationship-password`);
        reveal({ login, value: (data as { data: { relationshipPassword: string } }).data.relationshipPassword });
      }, t('member.rotated', { login }));
    }
    if (action === 'master') {
      await run(async () => {
        const { data } = await post(`${path}/master`);
        const previous = (data as { data: { previousMaster: { relationshipPassword: string } | null } }).data.previousMaster;
        if (previous && master) reveal({ login: loginOf(master), value: previous.relationshipPassword });
      }, t('member.master.done', { login }));
    }
  };

  const texts: Record<Action, { title: string; body: string; confirm: string; danger: boolean }> = {
    suspend: {
      title: t('member.suspend.title', { login }),
      body: cascade.length ? t('member.suspend.cascade', { login, count: cascade.length }) : t('member.suspend.alone', { login }),
      confirm: t('member.suspend'),
      danger: true,
    },
    restore: { title: t('member.restore.title', { login }), body: t('member.restore.body', { login }), confirm: t('member.restore'), danger: false },
    remove: {
      title: t('member.remove.title', { login }),
      body: children.length ? t('member.remove.takeOver', { login, count: children.length }) : t('member.remove.body', { login }),
      confirm: t('member.remove'),
      danger: true,
    },
    rotate: { title: t('member.rotate.title', { login }), body: t('member.rotate.body', { login }), confirm: t('member.rotate'), danger: false },
    unlock: { title: t('member.unlock.title', { login }), body: t('member.unlock.body', { login }), confirm: t('member.unlock'), danger: false },
    master: {
      title: t('member.master.title', { login }),
      body: t('member.master.body', { login, master: master ? loginOf(master) : '—' }),
      confirm: t('member.master'),
      danger: true,
    },
  };
  const current = open ? texts[open] : null;

  return (
    <>
      <SimpleMenu label={t('member.actions', { login })} variant="tertiary" size="S" disabled={busy}>
        {member.status === 'active' ? <MenuItem onSelect={() => setOpen('suspend')}>{t('member.suspend')}</MenuItem> : <MenuItem onSelect={() => setOpen('restore')}>{t('member.restore')}</MenuItem>}
        <MenuItem onSelect={() => setOpen('rotate')}>{t('member.rotate')}</MenuItem>
        <MenuItem onSelect={() => setOpen('unlock')}>{t('member.unlock')}</MenuItem>
        {member.status === 'active' ? <MenuItem onSelect={() => setOpen('master')}>{t('member.master')}</MenuItem> : null}
        <MenuItem variant="danger" onSelect={() => setOpen('remove')}>{t('member.remove')}</MenuItem>
      </SimpleMenu>
      <Confirm
        open={current !== null}
        onOpenChange={(next: boolean) => !next && setOpen(null)}
        title={current?.title}
        action={current?.confirm ?? ''}
        variant={current?.danger ? 'danger-light' : 'secondary'}
        onConfirm={confirm}
      >
        <Flex direction="column" alignItems="stretch" gap={2}>
          <Typography>{current?.body}</Typography>
          {listed.length ? (
            <Box tag="ul" paddingLeft={4} aria-label={t('member.cascade')}>
              {listed.map((m) => (
                <li key={m.documentId}>
                  <Typography>{loginOf(m)}</Typography>
                </li>
              ))}
            </Box>
          ) : null}
        </Flex>
      </Confirm>
    </>
  );
}

/** A new relationship password, shown once with a copy button. */
export function OnceShown({ password, onClose }: { password: { login: string; value: string } | null; onClose: () => void }) {
  const t = useT();
  return (
    <Dialog.Root open={password !== null} onOpenChange={(next: boolean) => !next && onClose()}>
      {password ? (
        <Dialog.Content>
          <Dialog.Header>{t('member.password.title', { login: password.login })}</Dialog.Header>
          <Dialog.Body>
            <Flex direction="column" alignItems="stretch" gap={3}>
              <Typography>{t('member.password.once')}</Typography>
              <Box padding={3} background="neutral100" hasRadius>
                <Typography fontWeight="bold" aria-label={t('member.password.value')}>
                  {password.value}
                </Typography>
              </Box>
            </Flex>
          </Dialog.Body>
          <Dialog.Footer>
            <Button variant="secondary" onClick={() => navigator.clipboard?.writeText(password.value)}>
              {t('member.password.copy')}
            </Button>
            <Dialog.Cancel>
              <Button>{t('common.done')}</Button>
            </Dialog.Cancel>
          </Dialog.Footer>
        </Dialog.Content>
      ) : null}
    </Dialog.Root>
  );
}
