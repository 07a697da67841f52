import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { Box, Button, Dialog, Field, Flex, Link, Loader, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import { plainWords } from './words';

/** A page: its heading (the one h1), what it is about, and its content. */
export function Page({ title, lead, children, actions }: { title: string; lead?: ReactNode; children?: ReactNode; actions?: ReactNode }) {
  return (
    <Flex direction="column" alignItems="stretch" gap={5}>
      <Flex justifyContent="space-between" alignItems="flex-start" gap={3} wrap="wrap">
        <Box>
          <Typography variant="alpha" tag="h1">
            {title}
          </Typography>
          {lead ? (
            <Box paddingTop={1}>
              <Typography variant="epsilon" textColor="neutral600">
                {lead}
              </Typography>
            </Box>
          ) : null}
        </Box>
        {actions}
      </Flex>
      {children}
    </Flex>
  );
}

/** A white panel with an optional heading. */
export function Card({ title, children, label }: { title?: string; children: ReactNode; label?: string }) {
  return (
    <Box background="neutral0" padding={5} hasRadius shadow="tableShadow" tag="section" aria-label={label ?? title}>
      {title ? (
        <Box paddingBottom={3}>
          <Typography variant="delta" tag="h2">
            {title}
          </Typography>
        </Box>
      ) : null}
      {children}
    </Box>
  );
}

/** The one failure shown at a time, in plain words, read out when it appears. */
export function Failure({ error, names }: { error: unknown; names?: Map<string, string> }) {
  if (!error) return null;
  return (
    <Box background="danger100" borderColor="danger200" padding={3} hasRadius role="alert">
      <Typography textColor="danger700">{plainWords(error, names)}</Typography>
    </Box>
  );
}

/** A short confirmation, read out when it appears. */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <Box background="success100" borderColor="success200" padding={3} hasRadius role="status">
      <Typography textColor="success700">{children}</Typography>
    </Box>
  );
}

export function Loading() {
  return (
    <Flex justifyContent="center" padding={8}>
      <Loader small>Loading…</Loader>
    </Flex>
  );
}

/** An empty list says why it is empty. */
export function Empty({ children }: { children: ReactNode }) {
  return (
    <Box padding={5} background="neutral100" hasRadius>
      <Typography textColor="neutral700">{children}</Typography>
    </Box>
  );
}

export function To({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link tag={RouterLink} to={to}>
      {children}
    </Link>
  );
}

/** A label in the tone of what it says. */
export function Tag({ children, tone = 'neutral' }: { children: ReactNode; tone?: 'neutral' | 'success' | 'warning' | 'danger' }) {
  return (
    <Box tag="span" background={`${tone}100`} paddingLeft={2} paddingRight={2} paddingTop={1} paddingBottom={1} hasRadius>
      <Typography variant="pi" fontWeight="bold" textColor={tone === 'warning' ? 'neutral800' : `${tone}700`}>
        {children}
      </Typography>
    </Box>
  );
}

const ANY = 'any';

/** A list's filter: a labelled select whose first option ("Any …", value '') means no filter. */
export function Filter({ label, value, any, options, onChange }: { label: string; value: string; any: string; options: Record<string, string>; onChange: (value: string) => void }) {
  return (
    <Box width="220px">
      <Field.Root name={label}>
        <Field.Label>{label}</Field.Label>
        <SingleSelect value={value || ANY} onChange={(next: string | number) => onChange(String(next) === ANY ? '' : String(next))}>
          <SingleSelectOption value={ANY}>{any}</SingleSelectOption>
          {Object.entries(options).map(([option, text]) => (
            <SingleSelectOption key={option} value={option}>
              {text}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
    </Box>
  );
}

/** Previous and next page of a list, with where the reader is; nothing for a single page. */
export function Pager({ page, pages, setPage }: { page: number; pages: number; setPage: (page: number) => void }) {
  if (pages <= 1) return null;
  return (
    <Flex gap={3} alignItems="center" tag="nav" aria-label="Pages">
      <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
        Previous
      </Button>
      <Typography>
        Page {page} of {pages}
      </Typography>
      <Button variant="tertiary" disabled={page >= pages} onClick={() => setPage(page + 1)}>
        Next
      </Button>
    </Flex>
  );
}

/** Above a list: its status filter, and how many it holds once that is known (`count` words it). */
export function StatusHead({ options, status, filterBy, total, count }: { options: Record<string, string>; status: string; filterBy: (status: string) => void; total: number | undefined; count: (total: number) => string }) {
  return (
    <Flex gap={4} alignItems="flex-end" wrap="wrap">
      <Filter label="Status" value={status} any="Any status" options={options} onChange={filterBy} />
      {total !== undefined ? (
        <Typography textColor="neutral600" role="status">
          {count(total)}
        </Typography>
      ) : null}
    </Flex>
  );
}

/** What an action will do, said before it is done: a title, the consequences, Cancel and the action. */
export function Confirm({ open, onOpenChange, title, children, action, danger, onConfirm }: { open: boolean; onOpenChange: (open: boolean) => void; title: ReactNode; children: ReactNode; action: string; danger: boolean; onConfirm: () => void }) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      {open ? (
        <Dialog.Content>
          <Dialog.Header>{title}</Dialog.Header>
          <Dialog.Body>{children}</Dialog.Body>
          <Dialog.Footer>
            <Dialog.Cancel>
              <Button variant="tertiary">Cancel</Button>
            </Dialog.Cancel>
            <Dialog.Action>
              <Button variant={danger ? 'danger' : 'default'} onClick={onConfirm}>
                {action}
              </Button>
            </Dialog.Action>
          </Dialog.Footer>
        </Dialog.Content>
      ) : null}
    </Dialog.Root>
  );
}

/** A labelled text field. */
export function Input({ label, name, type = 'text', value, onChange, autoComplete, hint, required = true, maxLength }: { label: string; name: string; type?: string; value: string; onChange: (value: string) => void; autoComplete?: string; hint?: string; required?: boolean; maxLength?: number }) {
  return (
    <Field.Root name={name} required={required} hint={hint}>
      <Field.Label>{label}</Field.Label>
      <TextInput type={type} name={name} value={value} autoComplete={autoComplete} maxLength={maxLength} onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(e.target.value)} />
      {hint ? <Field.Hint /> : null}
    </Field.Root>
  );
}


/**
 * One entry of a list of cards: named for screen readers by `label`; `head` (its heading,
 * and what stands at its right) on one line, then what it holds.
 */
export function ItemCard({ label, head, children }: { label: string; head: ReactNode; children?: ReactNode }) {
  return (
    <Box tag="li" style={{ listStyle: 'none' }} padding={4} background="neutral100" hasRadius aria-label={label}>
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Flex justifyContent="space-between" alignItems="flex-start" gap={2} wrap="wrap">
          {head}
        </Flex>
        {children}
      </Flex>
    </Box>
  );
}
