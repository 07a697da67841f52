import { useCallback, useEffect, useState } from 'react';
import { Badge, Box, Button, Checkbox, Flex, Table, Tbody, Td, Textarea, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { describeFailure } from '../permissions';

interface TicketRow {
  reference: string;
  subject: string;
  status: string;
  client: { name: string } | null;
  product: { name: string } | null;
  requester: { name: string | null; email: string } | null;
}

interface Message {
  id: number;
  authorType: string;
  author: string | null;
  body: string;
  internal: boolean;
  createdAt: string;
}

/** Staff read tickets and, with the tickets "manage" permission, reply or write internal notes customers never see. */
export const Tickets = ({ canReply }: { canReply: boolean }) => {
  const { get, post } = useFetchClient();
  const [tickets, setTickets] = useState<TicketRow[]>([]);
  const [open, setOpen] = useState<(TicketRow & { messages: Message[] }) | null>(null);
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const loadList = useCallback(() => {
    get('/client-area/tickets')
      .then(({ data }) => setTickets((data as { data: TicketRow[] }).data))
      .catch((e: unknown) => setError(describeFailure(e, 'tickets')));
  }, [get]);

  const show = useCallback(
    (reference: string) => {
      get(`/client-area/tickets/${reference}`)
        .then(({ data }) => setOpen((data as { data: TicketRow & { messages: Message[] } }).data))
        .catch((e: unknown) => setError(describeFailure(e, 'this ticket')));
    },
    [get],
  );

  useEffect(loadList, [loadList]);

  const send = async () => {
    if (!open || !body.trim() || sending) return;
    setSending(true);
    try {
      await post(`/client-area/tickets/${open.reference}/messages`, { body, internal });
      setBody('');
      setInternal(false);
      show(open.reference);
      loadList();
    } catch (e) {
      setError(describeFailure(e, 'replies to this ticket'));
    } finally {
      setSending(false);
    }
  };

  return (
    <Box paddingTop={6}>
      <Typography variant="beta" tag="h2">
        Tickets
      </Typography>
      {error ? <Typography textColor="danger600">{error}</Typography> : null}
      <Table colCount={4} rowCount={tickets.length + 1}>
        <Thead>
          <Tr>
            <Th><Typography variant="sigma">Ticket</Typography></Th>
            <Th><Typography variant="sigma">Client</Typography></Th>
            <Th><Typography variant="sigma">Requester</Typography></Th>
            <Th><Typography variant="sigma">Status</Typography></Th>
          </Tr>
        </Thead>
        <Tbody>
          {tickets.map((ticket) => (
            <Tr key={ticket.reference}>
              <Td>
                <Button variant="tertiary" onClick={() => show(ticket.reference)}>
                  {ticket.reference} {ticket.subject}
                </Button>
              </Td>
              <Td><Typography>{ticket.client?.name}{ticket.product ? ` / ${ticket.product.name}` : ''}</Typography></Td>
              <Td><Typography>{ticket.requester?.name ?? ticket.requester?.email}</Typography></Td>
              <Td><Badge>{ticket.status}</Badge></Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      {open ? (
        <Box paddingTop={6} aria-label={`Ticket ${open.reference}`}>
          <Typography variant="delta" tag="h3">
            [#{open.reference}] {open.subject}
          </Typography>
          {open.messages.map((message) => (
            <Box key={message.id} padding={3} marginTop={2} background={message.internal ? 'warning100' : 'neutral100'} hasRadius>
              <Typography variant="pi" fontWeight="bold">
                {message.author ?? message.authorType}
                {message.internal ? ' — internal note' : ''}
              </Typography>
              <Typography tag="p" style={{ whiteSpace: 'pre-wrap' }}>
                {message.body}
              </Typography>
            </Box>
          ))}
          {canReply ? (
            <Flex direction="column" alignItems="stretch" gap={2} paddingTop={4}>
              <Textarea name="reply" aria-label="Reply" placeholder="Write a reply" value={body} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setBody(e.target.value)} />
              <Checkbox checked={internal} onCheckedChange={(checked: boolean | 'indeterminate') => setInternal(checked === true)}>
                Internal note (customers never see it)
              </Checkbox>
              <Box>
                <Button onClick={send} loading={sending} disabled={sending}>
                  {internal ? 'Add internal note' : 'Send reply'}
                </Button>
              </Box>
            </Flex>
          ) : null}
        </Box>
      ) : null}
    </Box>
  );
};

export default Tickets;
