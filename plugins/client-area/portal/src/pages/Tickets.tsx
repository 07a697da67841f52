import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { Box, Button, Field, Flex, Textarea, Typography } from '@strapi/design-system';
import type { TicketDetail, TicketList as TicketListAnswer, TicketStatus, TicketView } from '../../../shared/customer-api';
import { call, download } from '../api';
import { Card, Empty, Failure, Loading, Page, Pager, StatusHead, Tag, To } from '../components';
import { useAnswer, useStatusPages, useSubmit } from '../useAnswer';
import { Files } from '../Files';
import { when } from '../words';

const VIEWS: Array<[TicketView, string]> = [
  ['all', 'All I can see'],
  ['mine', 'My tickets'],
  ['group-open', 'Group: open'],
  ['group-all', 'Group: all'],
  ['group-closed', 'Group: closed'],
];

export const TICKET_STATUS: Record<TicketStatus, string> = { open: 'Open', answered: 'Answered', 'customer-reply': 'Awaiting support', 'on-hold': 'On hold', closed: 'Closed' };
const PAGE_SIZE = 20;

const EMPTY: Record<TicketView, string> = {
  all: 'No ticket you can see matches. Tickets you open, and those of the clients and products where you hold Tickets, show here.',
  mine: 'You have not opened a ticket that matches.',
  client: 'No ticket of this client that you can see matches.',
  'group-open': 'No open ticket of your group matches. A group counts at a client once you have entered it (with its relationship password, when it asks for one).',
  'group-all': 'No ticket of your group matches. A group counts at a client once you have entered it (with its relationship password, when it asks for one).',
  'group-closed': 'No closed ticket of your group matches. A group counts at a client once you have entered it (with its relationship password, when it asks for one).',
};

/** A list of tickets: one view of them (or one client's), by status, newest activity first, paged. */
export function TicketList({ view, client }: { view: TicketView; client?: string }) {
  const { answer, status, filterBy, page, setPage, pages } = useStatusPages<TicketListAnswer>('/client-area/tickets', PAGE_SIZE, client ? { view, client } : { view });
  const tickets = answer.data?.data;
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <StatusHead options={TICKET_STATUS} status={status} filterBy={filterBy} total={answer.data?.meta.total} count={(total) => (total === 1 ? '1 ticket' : `${total} tickets`)} />
      <Failure error={answer.error} />
      {answer.loading ? <Loading /> : null}
      {tickets && tickets.length === 0 ? <Empty>{EMPTY[view]}</Empty> : null}
      <Flex tag="ul" direction="column" alignItems="stretch" gap={2} aria-label="Tickets">
        {(tickets ?? []).map((ticket) => (
          <Box tag="li" key={ticket.reference} style={{ listStyle: 'none' }} background="neutral0" padding={4} hasRadius shadow="tableShadow">
            <Flex justifyContent="space-between" alignItems="flex-start" gap={2} wrap="wrap">
              <Typography fontWeight="bold">
                <To to={`/ticket/${ticket.reference}`}>{`${ticket.reference} ${ticket.subject}`}</To>
              </Typography>
              <Tag tone={ticket.status === 'closed' ? 'neutral' : ticket.status === 'answered' ? 'success' : 'warning'}>{TICKET_STATUS[ticket.status]}</Tag>
            </Flex>
            <Typography variant="pi" textColor="neutral600">
              {[client ? null : ticket.client?.name, ticket.product?.name, ticket.requester ? `from ${ticket.requester.name ?? ticket.requester.email}` : null, `last activity ${when(ticket.lastMessageAt)}`]
                .filter(Boolean)
                .join(' · ')}
            </Typography>
          </Box>
        ))}
      </Flex>
      <Pager page={page} pages={pages} setPage={setPage} />
    </Flex>
  );
}

/** Every client's tickets the person can see, by view: mine, all, and the group views of a group reader. */
export function Tickets() {
  const { view = 'all' } = useParams();
  const chosen = (VIEWS.find(([name]) => name === view)?.[0] ?? 'all') as TicketView;
  // Whether the group views apply: asked once, with the smallest page.
  const groups = useAnswer<TicketListAnswer>('/client-area/tickets?view=all&pageSize=1');
  const views = VIEWS.filter(([name]) => groups.data?.meta.groupViews || !name.startsWith('group-'));
  return (
    <Page title="Tickets" lead="Across every client you reach.">
      <Flex tag="nav" aria-label="Ticket views" gap={1} wrap="wrap">
        {views.map(([name, label]) => (
          <RouterLink key={name} to={`/tickets/${name}`} className="menu-link" aria-current={name === chosen ? 'page' : undefined}>
            {label}
          </RouterLink>
        ))}
      </Flex>
      <TicketList key={chosen} view={chosen} />
      <To to="/">Back to your clients</To>
    </Page>
  );
}

const kb = (size: number) => (size >= 1024 ? `${(size / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(size))} KB`);

/** One ticket: its thread with dates and authors, attachments, a reply, close and reopen. */
export function Ticket() {
  const { reference = '' } = useParams();
  const answer = useAnswer<{ data: TicketDetail }>(`/client-area/tickets/${encodeURIComponent(reference)}`);
  const [reply, setReply] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const sending = useSubmit();
  const ticket = answer.data?.data;
  const send = (event: FormEvent) => {
    event.preventDefault();
    void sending.run(async () => {
      const form = new FormData();
      form.set('body', reply);
      for (const file of files) form.append('attachments', file);
      await call(`/client-area/tickets/${encodeURIComponent(reference)}/messages`, { method: 'POST', body: form });
      setReply('');
      setFiles([]);
      answer.reload();
    });
  };
  const toggle = () =>
    sending.run(async () => {
      await call(`/client-area/tickets/${encodeURIComponent(reference)}/${ticket?.status === 'closed' ? 'reopen' : 'close'}`, { method: 'POST' });
      answer.reload();
    });
  if (answer.error) {
    return (
      <Page title="Ticket">
        <Failure error={answer.error} />
        <To to="/tickets">Back to tickets</To>
      </Page>
    );
  }
  if (!ticket) return <Loading />;
  return (
    <Page
      title={`${ticket.reference} ${ticket.subject}`}
      lead={[ticket.client?.name, ticket.product?.name, `opened ${when(ticket.createdAt)}`].filter(Boolean).join(' · ')}
      actions={<Tag tone={ticket.status === 'closed' ? 'neutral' : ticket.status === 'answered' ? 'success' : 'warning'}>{TICKET_STATUS[ticket.status]}</Tag>}
    >
      <Flex tag="ol" direction="column" alignItems="stretch" gap={3} aria-label="Messages">
        {ticket.messages.map((message) => (
          <Box tag="li" key={message.id} style={{ listStyle: 'none' }} background={message.authorType === 'staff' ? 'primary100' : 'neutral0'} padding={4} hasRadius shadow="tableShadow">
            <Flex justifyContent="space-between" gap={2} wrap="wrap">
              <Typography fontWeight="bold">{message.author ?? (message.authorType === 'staff' ? 'Support' : 'Customer')}</Typography>
              <Typography variant="pi" textColor="neutral600">
                <time dateTime={message.createdAt}>{when(message.createdAt)}</time>
              </Typography>
            </Flex>
            <Box paddingTop={2}>
              <Typography style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{message.body}</Typography>
            </Box>
            {message.attachments.length ? (
              <Flex gap={2} wrap="wrap" paddingTop={2}>
                {message.attachments.map((file) => (
                  <Button key={file.id} variant="secondary" size="S" onClick={() => sending.run(() => download(file.url, file.name))}>
                    {`${file.name} (${kb(file.size)})`}
                  </Button>
                ))}
              </Flex>
            ) : null}
          </Box>
        ))}
      </Flex>
      <Failure error={sending.error} />
      <Card title="Reply">
        <form onSubmit={send}>
          <Flex direction="column" alignItems="stretch" gap={3}>
            <Field.Root name="reply" required>
              <Field.Label>Your reply</Field.Label>
              <Textarea name="reply" value={reply} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setReply(e.target.value)} />
            </Field.Root>
            <Files files={files} onChange={setFiles} />
            <Flex gap={3} wrap="wrap">
              <Button type="submit" loading={sending.busy} disabled={!reply.trim()}>
                Send reply
              </Button>
              <Button type="button" variant="secondary" onClick={toggle} disabled={sending.busy}>
                {ticket.status === 'closed' ? 'Reopen' : 'Close ticket'}
              </Button>
            </Flex>
          </Flex>
        </form>
      </Card>
      <To to="/tickets">Back to tickets</To>
    </Page>
  );
}
