import { useState } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router-dom';
import { Box, Button, Combobox, ComboboxOption, Field, Flex, Link, Td, Typography } from '@strapi/design-system';
import { BackButton, Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { useStaffPermissions } from '../permissions';
import { useT } from '../t';
import { momentOf } from '../format';
import { useAction, useDebounced, useFetched, usePagedList } from '../data';
import { Pager } from '../components/Pager';
import { ListTable } from '../components/ListTable';
import { Confirm } from '../components/Confirm';

interface HeldRow {
  documentId: string;
  from: string | null;
  subject: string | null;
  reason: string | null;
  receivedAt: string;
  ticket: string | null;
}

interface Held {
  documentId: string;
  from: string | null;
  subject: string;
  receivedAt: string;
  reason: string | null;
  ticket: { reference: string; client: string | null } | null;
  body: string;
  attachments: Array<{ name: string; size: number }>;
  knownAs: Array<{ contact: string; name: string; client: { documentId: string; name: string } }>;
}

/** Mail held for staff, newest first. */
function HeldList() {
  const t = useT();
  const { rows, page, pages, setPage, error } = usePagedList<HeldRow>('/client-area/triage', t('triage.what'), {});
  return (
    <>
      <Page.Title>{t('triage.title')}</Page.Title>
      <Layouts.Header title={t('triage.title')} subtitle={t('triage.subtitle')} />
      <Layouts.Content>
        <ListTable
          heads={[t('triage.received'), t('triage.from'), t('triage.subject'), t('triage.why')]}
          rows={rows}
          error={error}
          none={t('triage.none')}
          rowKey={(row) => row.documentId}
          cells={(row) => (
            <>
              <Td><Typography>{momentOf(row.receivedAt)}</Typography></Td>
              <Td><Typography>{row.from ?? t('triage.noSender')}</Typography></Td>
              <Td>
                <Link tag={RouterLink} to={row.documentId}>
                  {row.subject || t('triage.noSubject')}
                </Link>
              </Td>
              <Td style={{ whiteSpace: 'normal' }}><Typography>{row.reason}</Typography></Td>
            </>
          )}
        />
        <Box paddingTop={4}>
          <Pager page={page} pages={pages} setPage={setPage} />
        </Box>
      </Layouts.Content>
    </>
  );
}

/** One held mail: read it, then put it in a client (as a contact there) or turn it away. */
function HeldMail({ id }: { id: string }) {
  const { post } = useFetchClient();
  const navigate = useNavigate();
  const staff = useStaffPermissions();
  const t = useT();
  const canManage = staff.can('triage', 'manage');
  const { data: mail, error } = useFetched<Held>(`/client-area/triage/${id}`, t('triage.what'));
  const [query, setQuery] = useState('');
  const [client, setClient] = useState<string | undefined>();
  const { busy, run } = useAction(t('triage.what'));
  const [rejecting, setRejecting] = useState(false);

  // The clients matching what was typed, asked a moment after the typing stops; the last answer wins.
  const debounced = useDebounced(query);
  const found = useFetched<Array<{ documentId: string; name: string; reference: string }>>(canManage ? '/client-area/triage/clients' : '', t('triage.what'), { q: debounced });
  const clients = found.data ?? [];

  const decide = async (path: string, body: object, done: (answer: any) => string) => {
    if (await run(() => post(`/client-area/triage/${id}/${path}`, body), done)) navigate('..', { relative: 'path' });
  };
  const assigned = (answer: { outcome: string; reference: string }) => t(answer.outcome === 'reply-added' ? 'triage.replied' : 'triage.opened', { reference: answer.reference });

  if (error) return <Page.Error content={error} />;
  if (!mail) return <Page.Loading />;
  const chosen = clients.find((c) => c.documentId === client);

  return (
    <>
      <Page.Title>{mail.subject || t('triage.noSubject')}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton fallback=".." />}
        title={mail.subject || t('triage.noSubject')}
        subtitle={t('triage.fromAt', { from: mail.from ?? t('triage.noSender'), at: momentOf(mail.receivedAt) })}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box padding={4} background="warning100" hasRadius>
            <Typography>{t('triage.heldBecause', { reason: mail.reason ?? '' })}</Typography>
            {mail.ticket ? <Typography tag="p">{t('triage.answers', { reference: mail.ticket.reference, client: mail.ticket.client ?? '' })}</Typography> : null}
          </Box>
          <Box padding={4} background="neutral0" shadow="filterShadow" hasRadius tag="article" aria-label={t('triage.message')}>
            <Typography tag="p" style={{ whiteSpace: 'pre-wrap' }}>{mail.body}</Typography>
            {mail.attachments.length ? (
              <Box paddingTop={3}>
                <Typography variant="pi" textColor="neutral600">
                  {t('triage.attachments', { names: mail.attachments.map((a) => a.name).join(', ') })}
                </Typography>
              </Box>
            ) : null}
          </Box>
          {canManage ? (
            <Box padding={4} background="neutral0" shadow="filterShadow" hasRadius>
              <Flex direction="column" alignItems="stretch" gap={3}>
                <Typography variant="delta" tag="h2">{t('triage.assign')}</Typography>
                {mail.knownAs.length ? (
                  <Flex gap={2} wrap="wrap">
                    {mail.knownAs.map((known) => (
                      <Button key={known.contact} variant="secondary" disabled={busy} onClick={() => decide('assign', { contact: known.contact }, assigned)}>
                        {t('triage.asContact', { name: known.name, client: known.client.name })}
                      </Button>
                    ))}
                  </Flex>
                ) : null}
                <Flex gap={2} alignItems="flex-end" wrap="wrap">
                  <Box width="360px" maxWidth="100%">
                    <Field.Root name="client" hint={t('triage.client.hint')}>
                      <Field.Label>{t('triage.client')}</Field.Label>
                      <Combobox value={client} onChange={(value?: string) => setClient(value)} onInputChange={(e: React.ChangeEvent<HTMLInputElement>) => setQuery(e.target.value)} filterValue={query} autocomplete={{ type: 'list', filter: 'contains' }}>
                        {clients.map((c) => (
                          <ComboboxOption key={c.documentId} value={c.documentId}>
                            {`${c.name} (${c.reference})`}
                          </ComboboxOption>
                        ))}
                      </Combobox>
                      <Field.Hint />
                    </Field.Root>
                  </Box>
                  <Button disabled={busy || !chosen} onClick={() => chosen && decide('assign', { client: chosen.documentId }, assigned)}>
                    {chosen ? t('triage.assignTo', { client: chosen.name }) : t('triage.assign')}
                  </Button>
                </Flex>
                <Box paddingTop={2}>
                  <Button variant="danger-light" disabled={busy} onClick={() => setRejecting(true)}>
                    {t('triage.reject')}
                  </Button>
                </Box>
              </Flex>
            </Box>
          ) : null}
        </Flex>
        <Confirm
          open={rejecting}
          onOpenChange={setRejecting}
          title={t('triage.reject.title')}
          action={t('triage.reject')}
          variant="danger-light"
          onConfirm={() => decide('reject', {}, (answer: { noticed: boolean }) => t(answer.noticed ? 'triage.rejected.noticed' : 'triage.rejected'))}
        >
          <Typography>{mail.from ? t('triage.reject.body', { from: mail.from }) : t('triage.reject.noSender')}</Typography>
        </Confirm>
      </Layouts.Content>
    </>
  );
}

/** Triage: the list of held mail, or one of them. */
const TriagePage = () => {
  const { mailId } = useParams();
  return <Page.Main>{mailId ? <HeldMail key={mailId} id={mailId} /> : <HeldList />}</Page.Main>;
};

export { TriagePage };
export default TriagePage;
