import { useEffect, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { Box, Button, Flex, Link, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { describeFailure } from '../permissions';
import { useT, type MessageKey } from '../t';
import { momentOf } from '../format';
import { Tone } from './Tone';

export interface TicketRow {
  reference: string;
  subject: string;
  status: TicketStatus;
  priority: string;
  channel: string;
  client: { documentId: string; name: string } | null;
  product: { documentId: string; name: string } | null;
  requester: { name: string | null; email: string } | null;
  lastMessageAt: string;
  createdAt: string;
}

export type TicketStatus = 'open' | 'answered' | 'customer-reply' | 'on-hold' | 'closed';
export const STATUSES: TicketStatus[] = ['open', 'customer-reply', 'answered', 'on-hold', 'closed'];
export const statusKey = (status: TicketStatus) => `ticket.status.${status}` as MessageKey;

/** The ticket queue, newest activity first: all clients, or one (`client`), filtered by status. */
export function TicketQueue({ client }: { client?: string }) {
  const { get } = useFetchClient();
  const t = useT();
  const [status, setStatus] = useState<string>('');
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<TicketRow[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const pageSize = 25;

  useEffect(() => {
    const params: Record<string, string | number> = { page, pageSize };
    if (client) Object.assign(params, { view: 'client', client });
    if (status) params.status = status;
    get('/client-area/tickets', { params })
      .then(({ data }) => {
        const body = data as { data: TicketRow[]; meta: { total: number } };
        setRows(body.data);
        setTotal(body.meta.total);
        setError(null);
      })
      .catch((e: unknown) => setError(describeFailure(t, e, t('tickets.what'))));
  }, [get, t, client, status, page]);

  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex gap={4} alignItems="flex-end">
        <Box width="240px">
          <SingleSelect
            aria-label={t('tickets.filter.status')}
            placeholder={t('tickets.filter.status')}
            value={status}
            onChange={(value: string | number) => {
              setStatus(String(value));
              setPage(1);
            }}
          >
            <SingleSelectOption value="">{t('tickets.filter.any')}</SingleSelectOption>
            {STATUSES.map((s) => (
              <SingleSelectOption key={s} value={s}>
                {t(statusKey(s))}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Box>
        <Typography textColor="neutral600">{t('tickets.count', { total })}</Typography>
      </Flex>
      {error ? <Typography textColor="danger600" role="alert">{error}</Typography> : null}
      {rows && rows.length === 0 ? <Typography>{t('tickets.none')}</Typography> : null}
      {rows && rows.length > 0 ? (
        <Table colCount={5} rowCount={rows.length + 1}>
          <Thead>
            <Tr>
              <Th><Typography variant="sigma">{t('tickets.ticket')}</Typography></Th>
              {client ? null : <Th><Typography variant="sigma">{t('tickets.client')}</Typography></Th>}
              <Th><Typography variant="sigma">{t('tickets.requester')}</Typography></Th>
              <Th><Typography variant="sigma">{t('tickets.status')}</Typography></Th>
              <Th><Typography variant="sigma">{t('tickets.lastActivity')}</Typography></Th>
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((ticket) => (
              <Tr key={ticket.reference}>
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
                <Td><Typography>{momentOf(ticket.lastMessageAt)}</Typography></Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      ) : null}
      {pages > 1 ? (
        <Flex gap={2} justifyContent="flex-end">
          <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            {t('common.previous')}
          </Button>
          <Typography>{t('common.pageOf', { page, pages })}</Typography>
          <Button variant="tertiary" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            {t('common.next')}
          </Button>
        </Flex>
      ) : null}
    </Flex>
  );
}
