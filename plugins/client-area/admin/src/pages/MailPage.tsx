import { useState } from 'react';
import { Box, Button, Flex, Tabs, Td, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { useStaffPermissions } from '../permissions';
import { useT, type MessageKey } from '../t';
import { momentOf } from '../format';
import { Tone } from '../components/Tone';
import { Pager } from '../components/Pager';
import { useAction, useDownload, usePagedList } from '../data';
import { ListTable } from '../components/ListTable';
import { FilterSelect } from '../components/FilterSelect';

interface Sent {
  documentId: string;
  kind: string;
  to: string[];
  cc: string[];
  subject: string;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  queuedAt: string;
  nextAttemptAt: string | null;
  sentAt: string | null;
  ticket: string | null;
}

interface Read {
  documentId: string;
  from: string | null;
  subject: string | null;
  outcome: string;
  reason: string | null;
  receivedAt: string;
  ticket: string | null;
}

const SENT_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
const OUTCOMES = ['ticket-created', 'reply-added', 'triage', 'rejected', 'ignored', 'failed'] as const;
const TONE = { sent: 'success', failed: 'danger', pending: 'warning', sending: 'warning', 'ticket-created': 'success', 'reply-added': 'success', triage: 'warning', rejected: 'neutral', ignored: 'neutral' } as const;
const toneOf = (value: string) => (TONE as Record<string, 'success' | 'danger' | 'warning' | 'neutral'>)[value] ?? 'neutral';

function Outbox({ canManage }: { canManage: boolean }) {
  const { post } = useFetchClient();
  const t = useT();
  const [status, setStatus] = useState('');
  const list = usePagedList<Sent>('/client-area/outbox', t('mail.what'), { status });
  const { run } = useAction(t('mail.what'));
  const requeue = async (mail: Sent) => {
    await run(() => post(`/client-area/outbox/${mail.documentId}/requeue`), t('mail.requeued', { subject: mail.subject }));
    list.reload();
  };
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex gap={4} alignItems="flex-end">
        <FilterSelect label={t('mail.filter.status')} anyLabel={t('mail.any')} value={status} options={SENT_STATUSES.map((s) => ({ value: s, label: t(`mail.state.${s}` as MessageKey) }))} onChange={setStatus} />
        <Typography textColor="neutral600">{t('mail.count', { total: list.total })}</Typography>
      </Flex>
      <ListTable
        heads={[t('mail.queued'), t('mail.to'), t('mail.subject'), t('mail.status'), t('mail.actions')]}
        rows={list.rows}
        error={list.error}
        none={t('mail.none')}
        rowKey={(mail) => mail.documentId}
        cells={(mail) => (
          <>
            <Td><Typography>{momentOf(mail.queuedAt)}</Typography></Td>
            <Td style={{ whiteSpace: 'normal' }}>
              <Typography>{mail.to.join(', ')}</Typography>
              {mail.cc.length ? <Typography variant="pi" textColor="neutral600" tag="p">{t('mail.cc', { cc: mail.cc.join(', ') })}</Typography> : null}
            </Td>
            <Td style={{ whiteSpace: 'normal' }}>
              <Typography>{mail.subject}</Typography>
              <Typography variant="pi" textColor="neutral600" tag="p">{mail.ticket ? `${mail.kind} · ${mail.ticket}` : mail.kind}</Typography>
            </Td>
            <Td style={{ whiteSpace: 'normal', minWidth: '220px' }}>
              <Tone tone={toneOf(mail.status)}>{t(`mail.state.${mail.status}` as MessageKey)}</Tone>
              <Typography variant="pi" textColor="neutral600" tag="p">
                {mail.status === 'sent' ? momentOf(mail.sentAt) : t('mail.attempts', { attempts: mail.attempts })}
              </Typography>
              {mail.lastError && mail.status !== 'sent' ? <Typography variant="pi" textColor="danger600" tag="p">{mail.lastError}</Typography> : null}
            </Td>
            <Td>
              {canManage && mail.status === 'failed' ? (
                <Button size="S" variant="secondary" onClick={() => requeue(mail)} aria-label={t('mail.requeue.of', { subject: mail.subject })}>{t('mail.requeue')}</Button>
              ) : null}
            </Td>
          </>
        )}
      />
      <Pager page={list.page} pages={list.pages} setPage={list.setPage} />
    </Flex>
  );
}

function Intake({ canManage }: { canManage: boolean }) {
  const { post } = useFetchClient();
  const t = useT();
  const [outcome, setOutcome] = useState('');
  const list = usePagedList<Read>('/client-area/intake', t('mail.what'), { outcome });
  const download = useDownload();
  const { run } = useAction(t('mail.what'));
  const reprocess = async (mail: Read) => {
    await run<{ outcome: string }>(() => post(`/client-area/intake/${mail.documentId}/reprocess`), (answer: { outcome: string }) => t('mail.reprocessed', { outcome: t(`mail.state.${answer.outcome}` as MessageKey) }));
    list.reload();
  };
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex gap={4} alignItems="flex-end">
        <FilterSelect label={t('mail.filter.outcome')} anyLabel={t('mail.any')} value={outcome} options={OUTCOMES.map((o) => ({ value: o, label: t(`mail.state.${o}` as MessageKey) }))} onChange={setOutcome} />
        <Typography textColor="neutral600">{t('mail.count', { total: list.total })}</Typography>
      </Flex>
      <ListTable
        heads={[t('mail.received'), t('mail.from'), t('mail.subject'), t('mail.outcome'), t('mail.actions')]}
        rows={list.rows}
        error={list.error}
        none={t('mail.none')}
        rowKey={(mail) => mail.documentId}
        cells={(mail) => (
          <>
            <Td><Typography>{momentOf(mail.receivedAt)}</Typography></Td>
            <Td><Typography>{mail.from ?? ''}</Typography></Td>
            <Td style={{ whiteSpace: 'normal' }}>
              <Typography>{mail.subject ?? ''}</Typography>
              {mail.ticket ? <Typography variant="pi" textColor="neutral600" tag="p">{mail.ticket}</Typography> : null}
            </Td>
            <Td style={{ whiteSpace: 'normal', minWidth: '240px' }}>
              <Tone tone={toneOf(mail.outcome)}>{t(`mail.state.${mail.outcome}` as MessageKey)}</Tone>
              {mail.reason ? <Typography variant="pi" textColor="neutral600" tag="p">{mail.reason}</Typography> : null}
            </Td>
            <Td>
              {canManage ? (
                <Flex gap={2}>
                  <Button size="S" variant="tertiary" onClick={() => download(`/client-area/intake/${mail.documentId}/raw`, `${mail.documentId}.eml`)} aria-label={t('mail.raw.of', { subject: mail.subject ?? '' })}>{t('mail.raw')}</Button>
                  {mail.outcome === 'failed' ? <Button size="S" variant="secondary" onClick={() => reprocess(mail)} aria-label={t('mail.reprocess.of', { subject: mail.subject ?? '' })}>{t('mail.reprocess')}</Button> : null}
                </Flex>
              ) : null}
            </Td>
          </>
        )}
      />
      <Pager page={list.page} pages={list.pages} setPage={list.setPage} />
    </Flex>
  );
}

/** The mail the client area sent and the mail it read. */
const MailPage = () => {
  const staff = useStaffPermissions();
  const t = useT();
  const canManage = staff.can('mail', 'manage');
  return (
    <Page.Main>
      <Page.Title>{t('mail.title')}</Page.Title>
      <Layouts.Header title={t('mail.title')} subtitle={t('mail.subtitle')} />
      <Layouts.Content>
        <Tabs.Root defaultValue="outbox">
          <Tabs.List aria-label={t('mail.title')}>
            <Tabs.Trigger value="outbox">{t('mail.outbox')}</Tabs.Trigger>
            <Tabs.Trigger value="intake">{t('mail.intake')}</Tabs.Trigger>
          </Tabs.List>
          <Box background="neutral0" padding={6} shadow="filterShadow">
            <Tabs.Content value="outbox"><Outbox canManage={canManage} /></Tabs.Content>
            <Tabs.Content value="intake"><Intake canManage={canManage} /></Tabs.Content>
          </Box>
        </Tabs.Root>
      </Layouts.Content>
    </Page.Main>
  );
};

export { MailPage };
export default MailPage;
