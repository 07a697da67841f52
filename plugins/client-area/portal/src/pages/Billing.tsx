import { useState, type ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import type { ClientDetail, Invoice, InvoiceList, InvoiceStatus, PaymentOptions, PaymentStarted } from '../../../shared/customer-api';
import { Card, Empty, Failure, Loading, Notice, Pager, StatusHead, Tag, To } from '../components';
import { useAnswer, useStatusPages, useSubmit } from '../useAnswer';
import { call, download } from '../api';
import { when } from '../words';

const STATUS: Record<Exclude<InvoiceStatus, 'draft'>, string> = { unpaid: 'Unpaid', paid: 'Paid', cancelled: 'Cancelled', refunded: 'Refunded' };
const TONE: Record<InvoiceStatus, 'neutral' | 'success' | 'warning'> = { draft: 'neutral', unpaid: 'warning', paid: 'success', cancelled: 'neutral', refunded: 'neutral' };
const PAGE_SIZE = 10;

export const money = (amount: number, currency: string) => new Intl.NumberFormat(undefined, { style: 'currency', currency: /^[A-Z]{3}$/.test(currency) ? currency : 'EUR' }).format(amount);
export const day = (date: string | null) => (date ? new Date(`${date}T00:00:00`).toLocaleDateString(undefined, { dateStyle: 'medium' }) : '');

/** What the person sees of an invoice's amount: its total, or the sum of its own lines when it sees only some. */
function Amount({ invoice }: { invoice: Invoice }) {
  if (invoice.total !== null) return <Typography fontWeight="bold">{money(invoice.total, invoice.currency)}</Typography>;
  return (
    <Typography fontWeight="bold">
      {money(invoice.shownAmount, invoice.currency)}{' '}
      <Typography variant="pi" fontWeight="regular" textColor="neutral700">
        ({invoice.linesShown} of {invoice.linesTotal} lines: yours)
      </Typography>
    </Typography>
  );
}

/** An invoice's lines, each with its product: a list that reads as well on a phone as on a desk. */
function Lines({ invoice }: { invoice: Invoice }) {
  return (
    <Flex tag="ul" direction="column" alignItems="stretch" gap={2} aria-label={`Lines of ${invoice.number}`}>
      {invoice.lines.map((line, i) => (
        <Flex tag="li" key={i} style={{ listStyle: 'none' }} justifyContent="space-between" gap={3} wrap="wrap">
          <Box>
            <Typography>{line.description}</Typography>
            <Typography variant="pi" textColor="neutral600" tag="p">
              {line.product ? line.product.name : 'Not tied to a product'}
              {line.quantity !== 1 ? ` · ${line.quantity} × ${money(line.unitPrice, invoice.currency)}` : ''}
            </Typography>
          </Box>
          <Typography>{money(line.amount, invoice.currency)}</Typography>
        </Flex>
      ))}
    </Flex>
  );
}

/** An invoice's heading row: what `title` says of it and its dates, then its amount and status. */
function Heading({ invoice, title }: { invoice: Invoice; title: ReactNode }) {
  return (
    <Flex justifyContent="space-between" alignItems="flex-start" gap={3} wrap="wrap">
      <Box>
        {title}
        <Typography variant="pi" textColor="neutral600" tag="p">
          Issued {day(invoice.issuedOn)}
          {invoice.dueOn ? ` · due ${day(invoice.dueOn)}` : ''}
        </Typography>
      </Box>
      <Flex gap={3} alignItems="center">
        <Amount invoice={invoice} />
        <Tag tone={TONE[invoice.invoiceStatus]}>{STATUS[invoice.invoiceStatus as keyof typeof STATUS] ?? invoice.invoiceStatus}</Tag>
      </Flex>
    </Flex>
  );
}

function Partial({ invoice }: { invoice: Invoice }) {
  if (invoice.linesShown === invoice.linesTotal) return null;
  return (
    <Typography variant="pi" textColor="neutral700" tag="p">
      You see the lines of the products your billing access covers. The other {invoice.linesTotal - invoice.linesShown} line
      {invoice.linesTotal - invoice.linesShown === 1 ? '' : 's'} and the invoice's total are for whoever handles the rest of the client's billing.
    </Typography>
  );
}

/** The client's invoices the person may see (rule 4: per product), by status, newest first. */
export function Invoices({ client }: { client: ClientDetail }) {
  const { answer, status, filterBy, page, setPage, pages } = useStatusPages<InvoiceList>(`/client-area/clients/${client.documentId}/invoices`, PAGE_SIZE);
  const invoices = answer.data?.data;
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <StatusHead options={STATUS} status={status} filterBy={filterBy} total={answer.data?.meta.total} count={(total) => (total === 1 ? '1 invoice' : `${total} invoices`)} />
      <Failure error={answer.error} />
      {answer.loading ? <Loading /> : null}
      {invoices && invoices.length === 0 ? (
        <Empty>
          {status
            ? `No ${STATUS[status as keyof typeof STATUS].toLowerCase()} invoice of ${client.name} that you can see.`
            : `No invoice of ${client.name} that you can see. You see invoices with a line of a product your billing access covers${client.clientWideSections.includes('billing') ? '' : ', and only those lines'}.`}
        </Empty>
      ) : null}
      <Flex tag="ul" direction="column" alignItems="stretch" gap={3} aria-label="Invoices">
        {(invoices ?? []).map((invoice) => (
          <Box tag="li" key={invoice.documentId} style={{ listStyle: 'none' }} background="neutral0" padding={5} hasRadius shadow="tableShadow">
            <Flex direction="column" alignItems="stretch" gap={3}>
              <Heading
                invoice={invoice}
                title={
                  <Typography variant="delta" tag="h2">
                    <To to={`/client/${client.documentId}/billing/${invoice.documentId}`}>{`Invoice ${invoice.number}`}</To>
                  </Typography>
                }
              />
              <Lines invoice={invoice} />
              <Partial invoice={invoice} />
            </Flex>
          </Box>
        ))}
      </Flex>
      <Pager page={page} pages={pages} setPage={setPage} />
    </Flex>
  );
}

/**
 * Paying an invoice: the ways to pay the app offers (another plugin may add its own), for
 * an unpaid invoice whose every line the person sees; a person who sees only some lines
 * is told who pays it.
 */
function Pay({ client, invoice }: { client: ClientDetail; invoice: Invoice }) {
  const base = `/client-area/clients/${client.documentId}/invoices/${invoice.documentId}`;
  const options = useAnswer<{ data: PaymentOptions }>(invoice.invoiceStatus === 'unpaid' ? `${base}/payment-options` : null);
  const { busy, error, run } = useSubmit();
  const [started, setStarted] = useState<PaymentStarted | null>(null);
  if (invoice.invoiceStatus !== 'unpaid') return null;
  const pay = (provider: string) =>
    void run(async () => {
      const { data } = await call<{ data: PaymentStarted }>(`${base}/payments`, { method: 'POST', body: { provider } });
      if (data.redirectUrl) window.location.assign(data.redirectUrl);
      setStarted(data);
      options.reload();
    });
  const answer = options.data?.data;
  return (
    <Box className="no-print" padding={4} background="neutral100" hasRadius tag="section" aria-label="Pay this invoice">
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography variant="delta" tag="h2">
          Pay this invoice
        </Typography>
        {options.error ? <Failure error={options.error} /> : null}
        <Failure error={error} />
        {started?.instructions ? <Notice>{started.instructions}</Notice> : null}
        {answer?.requested && !started ? (
          <Typography textColor="neutral700">
            A payment was announced {when(answer.requested.at)}; the invoice shows as paid once the money has arrived.
          </Typography>
        ) : null}
        {answer && !started
          ? answer.providers.map((provider) => (
              <Flex key={provider.name} gap={3} alignItems="center" wrap="wrap">
                <Button variant="secondary" loading={busy} onClick={() => pay(provider.name)}>
                  {provider.label}
                </Button>
                <Typography variant="pi" textColor="neutral600">
                  {provider.description}
                </Typography>
              </Flex>
            ))
          : null}
      </Flex>
    </Box>
  );
}

/** One invoice as a page to print or keep: who it is for, its dates, its lines and its amount. */
export function InvoicePage({ client }: { client: ClientDetail }) {
  const { invoiceId = '' } = useParams();
  const answer = useAnswer<{ data: Invoice }>(`/client-area/clients/${client.documentId}/invoices/${invoiceId}`);
  const pdf = useSubmit();
  const invoice = answer.data?.data;
  if (answer.error) {
    return (
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Failure error={answer.error} />
        <To to={`/client/${client.documentId}/billing`}>Back to the invoices</To>
      </Flex>
    );
  }
  if (!invoice) return <Loading />;
  return (
    <Card title={`Invoice ${invoice.number}`}>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Heading invoice={invoice} title={<Typography tag="p">{`To ${client.name} (${client.reference})`}</Typography>} />
        <Lines invoice={invoice} />
        <Partial invoice={invoice} />
        <Pay client={client} invoice={invoice} />
        <Failure error={pdf.error} />
        <Flex gap={3} className="no-print" wrap="wrap">
          <Button
            variant="secondary"
            loading={pdf.busy}
            onClick={() => void pdf.run(() => download(`/api/client-area/clients/${client.documentId}/invoices/${invoice.documentId}/pdf`, `invoice-${invoice.number}.pdf`))}
          >
            Download PDF
          </Button>
          <Button variant="tertiary" onClick={() => window.print()}>
            Print
          </Button>
          <To to={`/client/${client.documentId}/billing`}>Back to the invoices</To>
        </Flex>
      </Flex>
    </Card>
  );
}
