import { Box, Flex, Grid, Typography } from '@strapi/design-system';
import type { ClientDetail, InvoiceList, TicketList } from '../../../shared/customer-api';
import { Card, Empty, Failure, Loading, Tag, To } from '../components';
import { useAnswer } from '../useAnswer';
import { day, money } from './Billing';
import { TICKET_STATUS } from './Tickets';
import { when } from '../words';

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** The client's latest tickets the person sees, and how many wait for its answer. */
function TicketsAtAGlance({ client }: { client: ClientDetail }) {
  const base = `/client-area/tickets?view=client&client=${client.documentId}`;
  const latest = useAnswer<TicketList>(`${base}&page=1&pageSize=5`);
  const waiting = useAnswer<TicketList>(`${base}&status=answered&page=1&pageSize=1`);
  const tickets = latest.data?.data;
  return (
    <Card title="Tickets">
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Failure error={latest.error ?? waiting.error} />
        {waiting.data ? (
          <Typography fontWeight="bold" textColor={waiting.data.meta.total ? 'danger700' : 'neutral800'}>
            {waiting.data.meta.total ? `${plural(waiting.data.meta.total, 'ticket waits', 'tickets wait')} for your reply` : 'No ticket waits for your reply'}
          </Typography>
        ) : null}
        {latest.loading ? <Loading /> : null}
        {tickets && tickets.length === 0 ? <Empty>No ticket of {client.name} that you can see yet.</Empty> : null}
        <Flex tag="ul" direction="column" alignItems="stretch" gap={2} aria-label="Latest tickets">
          {(tickets ?? []).map((ticket) => (
            <Flex tag="li" key={ticket.reference} style={{ listStyle: 'none' }} justifyContent="space-between" gap={2} wrap="wrap">
              <Box>
                <To to={`/ticket/${ticket.reference}`}>{`${ticket.reference} ${ticket.subject}`}</To>
                <Typography variant="pi" textColor="neutral600" tag="p">
                  {when(ticket.lastMessageAt)}
                </Typography>
              </Box>
              <Tag tone={ticket.status === 'closed' ? 'neutral' : ticket.status === 'answered' ? 'success' : 'warning'}>{TICKET_STATUS[ticket.status]}</Tag>
            </Flex>
          ))}
        </Flex>
        <To to={`/client/${client.documentId}/tickets`}>All tickets</To>
      </Flex>
    </Card>
  );
}

/** The client's unpaid invoices the person sees, newest first. */
function UnpaidInvoices({ client }: { client: ClientDetail }) {
  const unpaid = useAnswer<InvoiceList>(`/client-area/clients/${client.documentId}/invoices?status=unpaid&page=1&pageSize=5`);
  const invoices = unpaid.data?.data;
  return (
    <Card title="Unpaid invoices">
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Failure error={unpaid.error} />
        {unpaid.loading ? <Loading /> : null}
        {unpaid.data ? <Typography fontWeight="bold">{unpaid.data.meta.total ? plural(unpaid.data.meta.total, 'unpaid invoice', 'unpaid invoices') : 'Nothing to pay'}</Typography> : null}
        <Flex tag="ul" direction="column" alignItems="stretch" gap={2} aria-label="Unpaid invoices">
          {(invoices ?? []).map((invoice) => (
            <Flex tag="li" key={invoice.documentId} style={{ listStyle: 'none' }} justifyContent="space-between" gap={2} wrap="wrap">
              <Box>
                <To to={`/client/${client.documentId}/billing/${invoice.documentId}`}>{`Invoice ${invoice.number}`}</To>
                <Typography variant="pi" textColor="neutral600" tag="p">
                  {invoice.dueOn ? `Due ${day(invoice.dueOn)}` : ''}
                </Typography>
              </Box>
              <Typography fontWeight="bold">{money(invoice.total ?? invoice.shownAmount, invoice.currency)}</Typography>
            </Flex>
          ))}
        </Flex>
        <To to={`/client/${client.documentId}/billing`}>All invoices</To>
      </Flex>
    </Card>
  );
}

/** The products the person sees at the client, with its sections on each (the overview). */
function YourProducts({ client, label }: { client: ClientDetail; label: (name: string) => string }) {
  return (
    <Card title="Your products">
      {client.products.length === 0 ? (
        <Empty>No product of this client is visible to you: your access here is client-wide only, or none of its products is shared with you.</Empty>
      ) : (
        <Flex tag="ul" direction="column" alignItems="stretch" gap={3}>
          {client.products.map((product) => (
            <Box tag="li" key={product.documentId} style={{ listStyle: 'none' }} padding={3} background="neutral100" hasRadius>
              <Flex justifyContent="space-between" gap={2} wrap="wrap">
                <Typography fontWeight="bold">{product.name}</Typography>
                <Tag tone={product.status === 'active' ? 'success' : 'neutral'}>{product.status}</Tag>
              </Flex>
              <Typography variant="pi" textColor="neutral600">
                {product.productType ? `${product.productType} · ` : ''}Your sections: {product.sections.map(label).join(', ')}
              </Typography>
            </Box>
          ))}
        </Flex>
      )}
    </Card>
  );
}

/**
 * A client's first page: what needs the person's attention there — tickets waiting for
 * its reply, unpaid invoices — and its access and products; each part only where it
 * holds the section.
 */
export function Dashboard({ client, label }: { client: ClientDetail; label: (name: string) => string }) {
  const holds = (section: string) => client.sections.includes(section);
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      {holds('tickets') || holds('billing') ? (
        <Grid.Root gap={4}>
          {holds('tickets') ? (
            <Grid.Item col={6} s={12} xs={12} direction="column" alignItems="stretch">
              <TicketsAtAGlance client={client} />
            </Grid.Item>
          ) : null}
          {holds('billing') ? (
            <Grid.Item col={6} s={12} xs={12} direction="column" alignItems="stretch">
              <UnpaidInvoices client={client} />
            </Grid.Item>
          ) : null}
        </Grid.Root>
      ) : null}
      <Card title="Your access">
        {client.sections.length ? (
          <Typography>{client.sections.map(label).join(', ')}</Typography>
        ) : (
          <Typography>You hold no section here yet. Ask the client's master account for the access you need.</Typography>
        )}
      </Card>
      <YourProducts client={client} label={label} />
    </Flex>
  );
}
