import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { Box, Button, Checkbox, Field, Flex, SingleSelect, SingleSelectOption, Textarea, Typography } from '@strapi/design-system';
import { BackButton, Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { describeFailure, useStaffPermissions } from '../permissions';
import { useT } from '../t';
import { momentOf } from '../format';
import { statusKey, TicketQueue, useAssignees, type TicketRow } from '../components/TicketQueue';
import { WhoCanSee } from '../components/WhoCanSee';
import { useAction, useDownload } from '../data';
import { Tone } from '../components/Tone';

interface Message {
  id: number;
  authorType: string;
  author: string | null;
  body: string;
  internal: boolean;
  createdAt: string;
  attachments: Array<{ id: number; name: string; mime: string; size: number; url: string }>;
}

type Ticket = TicketRow & { messages: Message[] };

/** A file of a message, downloaded with the admin's own session. */
function Attachment({ file }: { file: Message['attachments'][number] }) {
  const download = useDownload();
  return (
    <Button variant="tertiary" size="S" onClick={() => download(file.url, file.name)}>
      {file.name} ({Math.ceil(file.size)} KB)
    </Button>
  );
}

/**
 * One ticket: its thread with internal notes marked, who can see it, and — with the
 * tickets "manage" permission — a reply or an internal note, the reply's recipients
 * shown before it is sent (rule 12), close and reopen.
 */
function TicketView({ reference }: { reference: string }) {
  const { get, post, put } = useFetchClient();
  const staff = useStaffPermissions();
  const t = useT();
  const canReply = staff.can('tickets', 'manage');
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [recipients, setRecipients] = useState<{ to: string[]; cc: string[] } | null>(null);
  const [recipientsError, setRecipientsError] = useState<string | null>(null);
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { busy: sending, run } = useAction(t('ticket.what'));
  const assignees = useAssignees();

  const load = useCallback(() => {
    get(`/client-area/tickets/${reference}`)
      .then(({ data }) => setTicket((data as { data: Ticket }).data))
      .catch((e: unknown) => setError(describeFailure(t, e, t('ticket.what'))));
    get(`/client-area/tickets/${reference}/recipients`)
      .then(({ data }) => {
        setRecipients((data as { data: { to: string[]; cc: string[] } }).data);
        setRecipientsError(null);
      })
      .catch((e: unknown) => setRecipientsError(describeFailure(t, e, t('ticket.recipients.what'))));
  }, [get, reference, t]);
  useEffect(load, [load]);

  const act = async (request: () => Promise<unknown>, done: string) => {
    const made = await run(request, done);
    if (made) load();
    return made !== null;
  };

  const send = async () => {
    if (!body.trim() || sending) return;
    const sent = await act(() => post(`/client-area/tickets/${reference}/messages`, { body, internal }), internal ? t('ticket.noted') : t('ticket.sent'));
    if (sent) {
      setBody('');
      setInternal(false);
    }
  };

  if (error) return <Page.Error content={error} />;
  if (!ticket) return <Page.Loading />;
  const closed = ticket.status === 'closed';

  return (
    <>
      <Page.Title>{`${ticket.reference} ${ticket.subject}`}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton fallback="../tickets" />}
        title={`[#${ticket.reference}] ${ticket.subject}`}
        subtitle={
          <Flex gap={2} wrap="wrap">
            <Tone tone={closed ? 'neutral' : 'success'}>{t(statusKey(ticket.status))}</Tone>
            <Typography textColor="neutral600">
              {[ticket.client?.name, ticket.product?.name, ticket.requester?.name ?? ticket.requester?.email].filter(Boolean).join(' · ')}
            </Typography>
          </Flex>
        }
        primaryAction={
          <Flex gap={2} alignItems="center" wrap="wrap">
            {canReply ? (
              <Box width="220px">
                <SingleSelect
                  aria-label={t('ticket.assignee')}
                  size="S"
                  value={ticket.assignee ? String(ticket.assignee.id) : 'none'}
                  disabled={sending}
                  onChange={(value: string | number) =>
                    act(() => put(`/client-area/tickets/${reference}/assignee`, { assignee: value === 'none' ? null : Number(value) }), value === 'none' ? t('ticket.unassigned') : t('ticket.assigned', { name: assignees.find((a) => String(a.id) === String(value))?.name ?? '' }))
                  }
                >
                  <SingleSelectOption value="none">{t('ticket.assignee.nobody')}</SingleSelectOption>
                  {assignees.map((a) => (
                    <SingleSelectOption key={a.id} value={String(a.id)}>{a.name}</SingleSelectOption>
                  ))}
                </SingleSelect>
              </Box>
            ) : ticket.assignee ? (
              <Typography>{t('ticket.assignedTo', { name: ticket.assignee.name })}</Typography>
            ) : null}
            <WhoCanSee path={`/tickets/${ticket.reference}`} label={t('who.ask')} />
            {canReply ? (
              <Button
                variant="secondary"
                size="S"
                disabled={sending}
                onClick={() => act(() => post(`/client-area/tickets/${reference}/${closed ? 'reopen' : 'close'}`), closed ? t('ticket.reopened') : t('ticket.closed'))}
              >
                {closed ? t('ticket.reopen') : t('ticket.close')}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={3}>
          {ticket.messages.map((message) => (
            <Box key={message.id} padding={4} background={message.internal ? 'warning100' : 'neutral0'} shadow="filterShadow" hasRadius tag="article">
              <Flex justifyContent="space-between" wrap="wrap" gap={2}>
                <Typography fontWeight="bold">
                  {message.author ?? message.authorType}
                  {message.internal ? ` — ${t('ticket.internal')}` : ''}
                </Typography>
                <Typography variant="pi" textColor="neutral600">{momentOf(message.createdAt)}</Typography>
              </Flex>
              <Box paddingTop={2}>
                <Typography tag="p" style={{ whiteSpace: 'pre-wrap' }}>
                  {message.body}
                </Typography>
              </Box>
              {message.attachments.length ? (
                <Flex gap={2} paddingTop={2} wrap="wrap">
                  {message.attachments.map((file) => (
                    <Attachment key={file.id} file={file} />
                  ))}
                </Flex>
              ) : null}
            </Box>
          ))}
          {canReply ? (
            <Box padding={4} background="neutral0" shadow="filterShadow" hasRadius>
              <Flex direction="column" alignItems="stretch" gap={3}>
                <Field.Root name="reply">
                  <Field.Label>{t('ticket.reply')}</Field.Label>
                  <Textarea name="reply" placeholder={t('ticket.reply.placeholder')} value={body} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setBody(e.target.value)} />
                </Field.Root>
                <Checkbox checked={internal} onCheckedChange={(checked: boolean | 'indeterminate') => setInternal(checked === true)}>
                  {t('ticket.internal.toggle')}
                </Checkbox>
                <Box aria-live="polite">
                  <Typography variant="pi" textColor="neutral700">
                    {internal
                      ? t('ticket.recipients.none')
                      : recipientsError
                        ? recipientsError
                        : !recipients
                          ? t('common.loading')
                          : recipients && recipients.to.length
                        ? recipients.cc.length
                          ? t('ticket.recipients.cc', { to: recipients.to.join(', '), cc: recipients.cc.join(', ') })
                          : t('ticket.recipients', { to: recipients.to.join(', ') })
                        : t('ticket.recipients.empty')}
                  </Typography>
                </Box>
                <Box>
                  <Button onClick={send} loading={sending} disabled={sending || !body.trim()}>
                    {internal ? t('ticket.addNote') : t('ticket.send')}
                  </Button>
                </Box>
              </Flex>
            </Box>
          ) : null}
        </Flex>
      </Layouts.Content>
    </>
  );
}

/** The ticket queue, or one ticket. */
const TicketsPage = () => {
  const { reference } = useParams();
  const t = useT();
  return (
    <Page.Main>
      {reference ? (
        <TicketView key={reference} reference={reference} />
      ) : (
        <>
          <Page.Title>{t('tickets.title')}</Page.Title>
          <Layouts.Header title={t('tickets.title')} subtitle={t('tickets.subtitle')} />
          <Layouts.Content>
            <TicketQueue />
          </Layouts.Content>
        </>
      )}
    </Page.Main>
  );
};

export { TicketsPage };
export default TicketsPage;
