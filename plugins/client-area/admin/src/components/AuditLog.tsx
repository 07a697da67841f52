import { useState } from 'react';
import { Box, Button, Field, Flex, Grid, Td, TextInput, Typography } from '@strapi/design-system';
import { usePagedList } from '../data';
import { Pager } from './Pager';
import { ListTable } from './ListTable';
import { useT } from '../t';
import { momentOf } from '../format';

interface Entry {
  id: number;
  action: string;
  at: string;
  client: { documentId: string; name: string } | null;
  actor: { kind: 'customer' | 'staff' | 'system'; name: string | null; email: string | null };
  subject: { type: string; id: string; name: string | null } | null;
  details: unknown;
  ip: string | null;
}

interface Filters {
  actor: string;
  action: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { actor: '', action: '', from: '', to: '' };
const PAGE_SIZE = 50;

/** A grant as staff read it: "tickets" or "tickets (Disk)". */
const grantOf = (value: any) => (value?.product ? `${value.section} (${value.product})` : String(value?.section));
const isGrants = (value: unknown): value is Array<{ section: string; product: string | null }> =>
  Array.isArray(value) && value.every((item) => item && typeof item === 'object' && 'section' in item);

/** Details in lines a person can read: "before: billing, tickets (Disk)". */
const detailsOf = (details: unknown): string[] =>
  details && typeof details === 'object'
    ? Object.entries(details as Record<string, unknown>).map(([key, value]) => {
        if (isGrants(value)) return `${key}: ${value.length ? value.map(grantOf).join(', ') : '—'}`;
        return `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`;
      })
    : [];

/** A day typed in the browser, as the instant it starts (or, `end`, ends) where the reader is, not in UTC. */
const instantOf = (day: string, end = false) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  const at = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(at.getTime()) ? day : at.toISOString();
};

/** Rule 15: who did what to whom, when and from where — all clients, or one (`client`). */
export function AuditLog({ client }: { client?: string }) {
  const t = useT();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const { rows, total, page, setPage, pages, error } = usePagedList<Entry>(
    '/client-area/audit',
    t('audit.what'),
    { client, ...filters, from: filters.from && instantOf(filters.from), to: filters.to && instantOf(filters.to, true) },
    PAGE_SIZE,
  );

  const field = (name: keyof Filters, label: string, hint?: string, type = 'text') => (
    <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
      <Field.Root name={name} hint={hint}>
        <Field.Label>{label}</Field.Label>
        <TextInput type={type} value={draft[name]} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setDraft({ ...draft, [name]: e.target.value })} />
        {hint ? <Field.Hint /> : null}
      </Field.Root>
    </Grid.Item>
  );

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Box tag="form" onSubmit={(e: React.FormEvent) => { e.preventDefault(); setFilters({ ...draft }); }}>
        <Grid.Root gap={4}>
          {field('actor', t('audit.filter.actor'), t('audit.filter.actor.hint'))}
          {field('action', t('audit.filter.action'), t('audit.filter.action.hint'))}
          {field('from', t('audit.filter.from'), undefined, 'date')}
          {field('to', t('audit.filter.to'), undefined, 'date')}
        </Grid.Root>
        <Flex gap={2} paddingTop={3}>
          <Button type="submit">{t('audit.filter.apply')}</Button>
          <Button variant="tertiary" onClick={() => { setDraft(EMPTY); setFilters(EMPTY); }}>
            {t('audit.filter.clear')}
          </Button>
          <Typography textColor="neutral600">{t('audit.count', { total })}</Typography>
        </Flex>
      </Box>
      <ListTable
        heads={[t('audit.when'), ...(client ? [] : [t('audit.client')]), t('audit.who'), t('audit.action'), t('audit.about'), t('audit.from')]}
        rows={rows}
        error={error}
        none={t('audit.none')}
        rowKey={(entry) => entry.id}
        cells={(entry) => (
          <>
            <Td><Typography>{momentOf(entry.at)}</Typography></Td>
            {client ? null : <Td><Typography>{entry.client?.name ?? ''}</Typography></Td>}
            <Td>
              <Typography>
                {entry.actor.kind === 'system' ? t('audit.system') : entry.actor.name}
                {entry.actor.kind === 'staff' ? ` (${t('audit.staff')})` : ''}
              </Typography>
            </Td>
            <Td style={{ whiteSpace: 'normal', minWidth: '240px' }}>
              <Flex direction="column" alignItems="flex-start">
                <Typography fontWeight="bold">{entry.action}</Typography>
                {detailsOf(entry.details).map((line) => (
                  <Typography key={line} variant="pi" textColor="neutral600" style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>
                    {line}
                  </Typography>
                ))}
              </Flex>
            </Td>
            <Td><Typography>{entry.subject ? entry.subject.name ?? `${entry.subject.type} ${entry.subject.id}` : ''}</Typography></Td>
            <Td><Typography>{entry.ip ?? ''}</Typography></Td>
          </>
        )}
      />
      <Pager page={page} pages={pages} setPage={setPage} />
    </Flex>
  );
}
