import type { ReactNode } from 'react';
import { Button, Dialog, type ButtonProps } from '@strapi/design-system';
import { useT } from '../t';

/**
 * What an action will do, said before it is done: a title, the consequences, Cancel and
 * the action itself. Closed when `open` is false.
 */
export function Confirm({ open, onOpenChange, title, children, action, variant = 'default', loading, disabled, onConfirm }: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  children: ReactNode;
  action: string;
  variant?: ButtonProps['variant'];
  loading?: boolean;
  /** The action can't be taken yet (a field it needs is empty). */
  disabled?: boolean;
  onConfirm: () => void;
}) {
  const t = useT();
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      {open ? (
        <Dialog.Content>
          <Dialog.Header>{title}</Dialog.Header>
          <Dialog.Body>{children}</Dialog.Body>
          <Dialog.Footer>
            <Dialog.Cancel>
              <Button variant="tertiary">{t('common.cancel')}</Button>
            </Dialog.Cancel>
            <Dialog.Action>
              <Button variant={variant} loading={loading} disabled={disabled} onClick={onConfirm}>
                {action}
              </Button>
            </Dialog.Action>
          </Dialog.Footer>
        </Dialog.Content>
      ) : null}
    </Dialog.Root>
  );
}
