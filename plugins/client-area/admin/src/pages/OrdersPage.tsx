import { useState } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router-dom';
import { Box, Button, Checkbox, Field, Flex, Link, LinkButton, Td, Textarea, TextInput, Typography } from '@strapi/design-system';
import { BackButton, Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import type { OrderEntry, OrderStatus } from '../../../shared/customer-api';
import { useStaffPermissions } from '../permissions';
import { useT, type MessageKey } from '../t';
import { momentOf } from '../format';
import { useAction, useFetched, usePagedList } from '../data';
import { Pager } from '../components/Pager';
import { ListTable } from '../components/ListTable';
import { FilterSelect } from '../components/FilterSelect';
import { Confirm } from '../components/Confirm';
import { Tone } from '../components/Tone';
import { money } from '../components/InvoicesPanel';

/** An order as staff read it: the customers' view of it, and its client. */
type StaffOrder = OrderEntry & { client: { documentId: string; name: string; reference: string | null } };

const STATUSES: OrderStatus[] = ['pending', 'accepted', 'declined', 'cancelled'];
const TONE = { pending: 'warning', accepted: 'success', declined: 'danger', cancelled: 'neutral' } as const;
const CATALOGUE = '/content-manager/collection-types/plugin::client-area.catalogue-item';

const what = (order: OrderEntry) => `${order.quantity} × ${order.itemName}`;

/** Orders of every client: those waiting first, oldest first, so none waits long. */
function OrderList() {
  const t = useT();
  const staff = useStaffPermissions();
  const [status, setStatus] = useState<string>('pending');
  const { rows, page, pages, setPage, error } = usePagedList<StaffOrder>('/client-area/orders', t('orders.what'), { status });
  return (
    <>
      <Page.Title>{t('orders.title')}</Page.Title>
      <Layouts.Header
        title={t('orders.title')}
        subtitle={t('orders.subtitle')}
        primaryAction={
          staff.can('orders', 'manage') ? (
            <LinkButton tag={RouterLink} to={CATALOGUE} variant="secondary">
              {t('orders.catalogue')}
            </LinkButton>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Box paddingBottom={4}>
          <FilterSelect label={t('orders.filter')} anyLabel={t('orders.any')} value={status} options={STATUSES.map((s) => ({ value: s, label: t(`orders.state.${s}` as MessageKey) }))} onChange={setStatus} />
        </Box>
        <ListTable
          heads={[t('orders.placed'), t('orders.reference'), t('orders.client'), t('orders.item'), t('orders.orderedBy'), t('orders.status')]}
          rows={rows}
          error={error}
          none={status === 'pending' ? t('orders.none.pending') : t('orders.none')}
          rowKey={(row) => row.documentId}
          cells={(row) => (
            <>
              <Td><Typography>{momentOf(row.placedAt)}</Typography></Td>
              <Td>
                <Link tag={RouterLink} to={row.documentId}>
                  {row.reference}
                </Link>
              </Td>
              <Td><Typography>{row.client.name}</Typography></Td>
              <Td><Typography>{what(row)}</Typography></Td>
              <Td><Typography>{row.placedBy ?? ''}</Typography></Td>
              <Td><Tone tone={TONE[row.orderStatus]}>{t(`orders.state.${row.orderStatus}` as MessageKey)}</Tone></Td>
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

/** One order: what was asked, then accept it (the product's name, who sees it) or decline it with a reason. */
function OrderView({ id }: { id: string }) {
  const t = useT();
  const { post } = useFetchClient();
  const navigate = useNavigate();
  const staff = useStaffPermissions();
  const { data: order, error } = useFetched<StaffOrder>(`/client-area/orders/${id}`, t('orders.what'));
  const { busy, run } = useAction(t('orders.what'));
  const [name, setName] = useState<string | null>(null);
  const [unticked, setUnticked] = useState<string[]>([]);
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  if (error) return <Page.Error content={error} />;
  if (!order) return <Page.Loading />;
  const productName = name ?? (order.quantity > 1 ? `${order.itemName} × ${order.quantity}` : order.itemName);
  const decide = async (path: 'accept' | 'decline', body: object, done: string) => {
    if (await run(() => post(`/client-area/orders/${id}/${path}`, body), done)) navigate('..', { relative: 'path' });
  };
  const canDecide = order.orderStatus === 'pending' && staff.can('orders', 'manage');
  return (
    <>
      <Page.Title>{order.reference}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton fallback=".." />}
        title={`${order.reference}: ${what(order)}`}
        subtitle={t('orders.placedBy', { client: order.client.name, login: order.placedBy ?? '', at: momentOf(order.placedAt) })}
        secondaryAction={<Tone tone={TONE[order.orderStatus]}>{t(`orders.state.${order.orderStatus}` as MessageKey)}</Tone>}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box padding={4} background="neutral0" shadow="filterShadow" hasRadius tag="section" aria-label={t('orders.asked')}>
            <Flex direction="column" alignItems="stretch" gap={2}>
              <Typography>{t('orders.price', { price: money(order.unitPrice, order.currency), cycle: order.billingCycle ?? '' })}</Typography>
              <Typography>{t('orders.for', { login: order.orderedBy?.login ?? t('orders.nobody') })}</Typography>
              {order.notes ? <Typography style={{ whiteSpace: 'pre-wrap' }}>{t('orders.notes', { notes: order.notes })}</Typography> : null}
              {order.declineReason ? <Typography textColor="danger600">{t('orders.declinedBecause', { reason: order.declineReason })}</Typography> : null}
              {order.product ? <Typography>{t('orders.made', { name: order.product.name })}</Typography> : null}
              {staff.can('profile') ? (
                <Link tag={RouterLink} to={`../../clients/${order.client.documentId}`} relative="path">
                  {t('orders.openClient', { client: order.client.name })}
                </Link>
              ) : null}
            </Flex>
          </Box>
          {canDecide ? (
            <Box padding={4} background="neutral0" shadow="filterShadow" hasRadius tag="section" aria-label={t('orders.accept')}>
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Typography variant="delta" tag="h2">{t('orders.accept')}</Typography>
                <Box maxWidth="480px">
                  <Field.Root name="productName" required hint={t('orders.productName.hint', { login: order.orderedBy?.login ?? t('orders.nobody') })}>
                    <Field.Label>{t('orders.productName')}</Field.Label>
                    <TextInput value={productName} maxLength={200} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setName(e.target.value)} />
                    <Field.Hint />
                  </Field.Root>
                </Box>
                {order.distributeTo.length ? (
                  <Flex direction="column" alignItems="stretch" gap={2} role="group" aria-label={t('orders.shownTo')}>
                    <Typography variant="sigma" textColor="neutral600">{t('orders.shownTo')}</Typography>
                    <Flex gap={4} wrap="wrap">
                      {order.distributeTo.map((m) => (
                        <Checkbox key={m.member} checked={!unticked.includes(m.member)} onCheckedChange={(on: boolean | 'indeterminate') => setUnticked((now) => (on === true ? now.filter((x) => x !== m.member) : [...now, m.member]))}>
                          {m.login}
                        </Checkbox>
                      ))}
                    </Flex>
                  </Flex>
                ) : null}
                <Flex gap={2} wrap="wrap">
                  <Button
                    disabled={busy || !productName.trim()}
                    onClick={() =>
                      decide('accept', { productName: productName.trim(), distributeTo: order.distributeTo.map((m) => m.member).filter((m) => !unticked.includes(m)) }, t('orders.accepted', { reference: order.reference }))
                    }
                  >
                    {t('orders.accept.action')}
                  </Button>
                  <Button variant="danger-light" disabled={busy} onClick={() => setDeclining(true)}>
                    {t('orders.decline')}
                  </Button>
                </Flex>
              </Flex>
            </Box>
          ) : null}
        </Flex>
        <Confirm
          open={declining}
          onOpenChange={setDeclining}
          title={t('orders.decline.title', { reference: order.reference })}
          action={t('orders.decline')}
          variant="danger-light"
          disabled={!reason.trim()}
          onConfirm={() => void decide('decline', { reason: reason.trim() }, t('orders.declined', { reference: order.reference }))}
        >
          <Field.Root name="reason" required hint={t('orders.reason.hint')}>
            <Field.Label>{t('orders.reason')}</Field.Label>
            <Textarea value={reason} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setReason(e.target.value)} />
            <Field.Hint />
          </Field.Root>
        </Confirm>
      </Layouts.Content>
    </>
  );
}

/** Orders: the queue, or one order. */
const OrdersPage = () => {
  const { orderId } = useParams();
  return <Page.Main>{orderId ? <OrderView key={orderId} id={orderId} /> : <OrderList />}</Page.Main>;
};

export { OrdersPage };
export default OrdersPage;
