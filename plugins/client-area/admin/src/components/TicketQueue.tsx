import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { Box, Field, Flex, Link, Td, TextInput, Typography } from '@strapi/design-system';
import { useDebounced, useFetched, usePagedList } from '../data';
import { useStaffPermissions } from '../permissions';
import { Pager } from './Pager';
import { ListTable } from './ListTable';
import { useT, type MessageKey } from '../t';
import { momentOf } from '../format';
import type { TicketStatus, TicketSummary } from '../../../shared/customer-api';
import { Tone } from './Tone';
import { FilterSelect } from './FilterSelect';

/** A row of staff's ticket queue: what customers see of a ticket, and who looks after it. */
export interface TicketRow extends TicketSummary {
  assignee: { id: number; name: string } | null;
}

export type { TicketStatus };
export const STATUSES: TicketStatus[] = ['open', 'customer-reply', 'answered', 'on-hold', 'closed'];
export const statusKey = (status: TicketStatus) => `ticket.status.${status}` as MessageKey;
const WAITING = [1, 3, 7, 30];

/** Staff tickets can be given to (none while unknown). */
export function useAssignees() {
  const t = useT();
  return useFetched<Array<{ id: number; name: string }>>('/client-area/tickets/assignees', t('tickets.what')).data ?? [];
}

/**
 * The ticket queue, newest activity first: all clients, or one (`client`, whose `products`
 * can narrow it), filtered by words (reference, subject, client, requester), status,
 * assignee, the requester's user category and quiet time.
 */
export function TicketQueue({ client, products = [] }: { client?: string; products?: Array<{ documentId: string; name: string }> }) {
  const t = useT();
  const staff = useStaffPermissions();
  const [words, setWords] = useState('');
  const text = useDebounced(words.trim());
  const [product, setProduct] = useState('');
  const [category, setCategory] = useState('');
  const categories = useFetched<Array<{ documentId: string; name: string }>>(staff.can('categories') ? '/client-area/user-categories' : '', t('categories.what')).data ?? [];
  const [status, setStatus] = useState<string>('');
  const [assignee, setAssignee] = useState<string>('');
  const [waiting, setWaiting] = useState<string>('');
  const assignees = useAssignees();
  const { rows, total, page, setPage, pages, error } = usePagedList<TicketRow>('/client-area/tickets', t('tickets.what'), {
    ...(client ? { view: 'client', client } : {}),
    q: text,
    product,
    category,
    status,
    assignee,
    waitingDays: waiting,
  });
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex gap={4} alignItems="flex-end" wrap="wrap">
        <Box width="300px">
          <Field.Root name="ticket-search">
            <Field.Label>{t('tickets.filter.search')}</Field.Label>
            <TextInput
              type="search"
              value={words}
              placeholder={t(client ? 'tickets.filter.search.inClient' : 'tickets.filter.search.hint')}
              title={t(client ? 'tickets.filter.search.inClient' : 'tickets.filter.search.hint')}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => setWords(e.target.value)}
            />
          </Field.Root>
        </Box>
        {products.length ? (
          <FilterSelect label={t('tickets.filter.product')} anyLabel={t('tickets.filter.anyProduct')} value={product} options={products.map((p) => ({ value: p.documentId, label: p.name }))} onChange={setProduct} />
        ) : null}
        {categories.length ? (
          <FilterSelect label={t('tickets.filter.category')} anyLabel={t('tickets.filter.anyCategory')} value={category} options={categories.map((c) => ({ value: c.documentId, label: c.name }))} onChange={setCategory} />
        ) : null}
        <FilterSelect label={t('tickets.filter.status')} anyLabel={t('tickets.filter.any')} value={status} options={STATUSES.map((s) => ({ value: s, label: t(statusKey(s)) }))} onChange={setStatus} />
        <FilterSelect
          label={t('tickets.filter.assignee')}
          anyLabel={t('tickets.filter.anyone')}
          value={assignee}
          options={[{ value: 'me', label: t('tickets.filter.me') }, { value: 'none', label: t('tickets.filter.nobody') }, ...assignees.map((a) => ({ value: String(a.id), label: a.name }))]}
          onChange={setAssignee}
        />
        <FilterSelect label={t('tickets.filter.waiting')} anyLabel={t('tickets.filter.anyAge')} value={waiting} options={WAITING.map((days) => ({ value: String(days), label: t('tickets.filter.days', { days }) }))} onChange={setWaiting} />
        <Typography textColor="neutral600">{t('tickets.count', { total })}</Typography>
      </Flex>
      <ListTable
        heads={[t('tickets.ticket'), ...(client ? [] : [t('tickets.client')]), t('tickets.requester'), t('tickets.status'), t('tickets.assignee'), t('tickets.lastActivity')]}
        rows={rows}
        error={error}
        none={t('tickets.none')}
        rowKey={(ticket) => ticket.reference}
        cells={(ticket) => (
          <>
            <Td>
              <Link tag={RouterLink} to={`/plugins/client-area/tickets/${ticket.reference}`}>
                {ticket.reference} {ticket.subject}
              </Link>
            </Td>
            {client ? null : (
              <Td>
                <Typography>
                  {ticket.client?.name}
                  {ticket.product ? ` / ${ticket.product.name}` : ''}
                </Typography>
              </Td>
            )}
            <Td><Typography>{ticket.requester?.name ?? ticket.requester?.email}</Typography></Td>
            <Td><Tone tone={ticket.status === 'closed' ? 'neutral' : 'success'}>{t(statusKey(ticket.status))}</Tone></Td>
            <Td><Typography>{ticket.assignee?.name ?? '—'}</Typography></Td>
            <Td><Typography>{momentOf(ticket.lastMessageAt)}</Typography></Td>
          </>
        )}
      />
      <Pager page={page} pages={pages} setPage={setPage} />
    </Flex>
  );
}
