import { useState } from 'react';
import { Button, Flex, Td, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useAction, usePagedList } from '../data';
import { useT } from '../t';
import { dateOf } from '../format';
import { FilterSelect } from './FilterSelect';
import { ListTable } from './ListTable';
import { Pager } from './Pager';
import { Tone } from './Tone';
import { WhoCanSee } from './WhoCanSee';
import type { Invoice, InvoiceStatus } from '../../../shared/customer-api';

const STATUSES: InvoiceStatus[] = ['draft', 'unpaid', 'paid', 'cancelled', 'refunded'];
const TONE: Record<InvoiceStatus, 'neutral' | 'warning' | 'success' | 'danger'> = { draft: 'neutral', unpaid: 'warning', paid: 'success', cancelled: 'neutral', refunded: 'neutral' };

export const money = (amount: number, currency: string) => new Intl.NumberFormat(undefined, { style: 'currency', currency: /^[A-Z]{3}$/.test(currency) ? currency : 'EUR' }).format(amount);

/** A client's invoices as staff see them (drafts too), each with its lines by product, who can see it, and a send to the contacts who take invoices. */
export function InvoicesPanel({ clientId, canManage }: { clientId: string; canManage: boolean }) {
  const t = useT();
  const { post } = useFetchClient();
  const [status, setStatus] = useState('');
  const { rows, error, page, pages, setPage } = usePagedList<Invoice>(`/client-area/clients/${clientId}/invoices`, t('client.invoices').toLowerCase(), { status });
  const { busy, run } = useAction(t('invoices.send.what'));
  const send = (invoice: Invoice) =>
    run<{ recipients: string[] }>(() => post(`/client-area/invoices/${invoice.documentId}/send`), ({ recipients }) =>
      recipients.length ? t('invoices.sent', { number: invoice.number, recipients: recipients.join(', ') }) : t('invoices.sent.nobody', { number: invoice.number }),
    );
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <FilterSelect label={t('clients.status')} value={status} onChange={setStatus} anyLabel={t('invoices.status.any')} options={STATUSES.map((s) => ({ value: s, label: t(`invoices.status.${s}`) }))} />
      <ListTable
        heads={[t('invoices.number'), t('invoices.issued'), t('clients.status'), t('invoices.lines'), t('invoices.total'), t('invoices.actions')]}
        rows={rows}
        error={error}
        none={status ? t('invoices.none.status') : t('invoices.none')}
        rowKey={(invoice) => invoice.documentId}
        cells={(invoice) => (
          <>
            <Td><Typography fontWeight="bold">{invoice.number}</Typography></Td>
            <Td>
              <Typography tag="p">{dateOf(invoice.issuedOn)}</Typography>
              {invoice.dueOn ? <Typography variant="pi" textColor="neutral600" tag="p">{t('invoices.dueOn', { date: dateOf(invoice.dueOn) })}</Typography> : null}
            </Td>
            <Td>
              <Tone tone={TONE[invoice.invoiceStatus]}>{t(`invoices.status.${invoice.invoiceStatus}`)}</Tone>
              {invoice.paymentRequested && invoice.invoiceStatus === 'unpaid' ? (
                <Typography variant="pi" textColor="neutral600" tag="p">
                  {t('invoices.paymentAnnounced', { date: dateOf(invoice.paymentRequested.at) })}
                </Typography>
              ) : null}
            </Td>
            <Td>
              <Flex direction="column" alignItems="flex-start" gap={1} maxWidth="260px">
                {invoice.lines.map((line, i) => (
                  <Typography key={i} variant="pi" style={{ whiteSpace: 'normal' }}>
                    {line.description} · {line.product?.name ?? t('invoices.noProduct')} · {money(line.amount, invoice.currency)}
                  </Typography>
                ))}
              </Flex>
            </Td>
            <Td><Typography fontWeight="bold">{invoice.total === null ? '' : money(invoice.total, invoice.currency)}</Typography></Td>
            <Td>
              <Flex gap={2} direction="column" alignItems="flex-start">
                <WhoCanSee path={`/invoices/${invoice.documentId}`} label={t('who.ask.invoice', { number: invoice.number })} />
                {canManage && invoice.invoiceStatus !== 'draft' ? (
                  <Button variant="tertiary" size="S" disabled={busy} onClick={() => send(invoice)} aria-label={t('invoices.send.of', { number: invoice.number })}>
                    {t('invoices.send')}
                  </Button>
                ) : null}
              </Flex>
            </Td>
          </>
        )}
      />
      <Pager page={page} pages={pages} setPage={setPage} />
    </Flex>
  );
}
