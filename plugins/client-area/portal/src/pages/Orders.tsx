import { useState, type FormEvent } from 'react';
import { Box, Button, Checkbox, Field, Flex, NumberInput, SingleSelect, SingleSelectOption, Textarea, Typography } from '@strapi/design-system';
import type { ClientDetail, OrderEntry, OrderForm, OrderStatus } from '../../../shared/customer-api';
import { call } from '../api';
import { Card, Confirm, Empty, Failure, ItemCard, Loading, Notice, Pager, StatusHead, Tag, To } from '../components';
import { useAction, useAnswer, useStatusPages, useSubmit } from '../useAnswer';
import { when } from '../words';
import { money } from './Billing';

const STATUS: Record<OrderStatus, string> = { pending: 'Waiting for our staff', accepted: 'Accepted', declined: 'Declined', cancelled: 'Withdrawn' };
const TONE: Record<OrderStatus, 'neutral' | 'success' | 'warning' | 'danger'> = { pending: 'warning', accepted: 'success', declined: 'danger', cancelled: 'neutral' };
const CYCLE: Record<string, string> = { 'one-time': 'once', monthly: 'a month', quarterly: 'a quarter', yearly: 'a year' };
const PAGE_SIZE = 10;

const price = (amount: number, currency: string, cycle: string | null) => `${money(amount, currency)}${cycle && CYCLE[cycle] ? ` ${CYCLE[cycle]}` : ''}`;

/**
 * Placing an order: one item of the catalogue, how many, notes for our staff, and who is
 * to see the product once it exists — the members the orderer may show it to (it will own
 * the product, so those it manages).
 */
function PlaceOrder({ client, form, placed }: { client: ClientDetail; form: OrderForm; placed: (order: OrderEntry) => void }) {
  const [item, setItem] = useState(form.items[0]?.documentId ?? '');
  const [quantity, setQuantity] = useState<number | undefined>(1);
  const [notes, setNotes] = useState('');
  const [shown, setShown] = useState<string[]>([]);
  const { busy, error, run } = useSubmit();
  const chosen = form.items.find((i) => i.documentId === item);
  const names = new Map<string, string>([[client.documentId, client.name], ...form.members.map((m) => [m.member, m.login] as [string, string])]);
  if (form.items.length === 0) return <Empty>Nothing is on offer to order right now. Ask support about what you need.</Empty>;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const { data } = await call<{ data: OrderEntry }>(`/client-area/clients/${client.documentId}/orders`, { method: 'POST', body: { item, quantity, notes: notes.trim() || undefined, distributeTo: shown } });
      setNotes('');
      setShown([]);
      setQuantity(1);
      placed(data);
    });
  };
  return (
    <form onSubmit={submit} aria-label="Place an order">
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Failure error={error} names={names} />
        <Flex gap={4} wrap="wrap" alignItems="flex-start">
          <Box minWidth="260px" style={{ flex: '2 1 260px' }}>
            <Field.Root name="item" required hint={chosen?.summary ?? undefined}>
              <Field.Label>What</Field.Label>
              <SingleSelect value={item} onChange={(next: string | number) => setItem(String(next))}>
                {form.items.map((i) => (
                  <SingleSelectOption key={i.documentId} value={i.documentId}>
                    {`${i.name} · ${price(i.price, i.currency, i.billingCycle)}`}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
              <Field.Hint />
            </Field.Root>
          </Box>
          <Box width="140px">
            <Field.Root name="quantity" required>
              <Field.Label>How many</Field.Label>
              <NumberInput name="quantity" value={quantity} onValueChange={(value: number | undefined) => setQuantity(value)} />
            </Field.Root>
          </Box>
        </Flex>
        <Field.Root name="notes" hint="Anything our staff should know: sizes, dates, a purchase order number.">
          <Field.Label>Notes</Field.Label>
          <Textarea name="notes" value={notes} maxLength={2000} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setNotes(e.target.value)} />
          <Field.Hint />
        </Field.Root>
        <Typography textColor="neutral700">
          {form.owner ? `Once accepted, the product is under ${form.owner}'s management` : 'Once accepted, the product appears in this client'}
          {form.members.length ? ', and seen by the members you tick below.' : '.'}
        </Typography>
        {form.members.length ? (
          <Flex direction="column" alignItems="stretch" gap={2} role="group" aria-label="Who is to see the product">
            <Typography variant="sigma" textColor="neutral600">
              Who is to see it
            </Typography>
            <Flex gap={5} wrap="wrap">
              {/* The server offers only the members the engine lets the orderer show the product to. */}
              {form.members.map((m) => (
                <Checkbox
                  key={m.member}
                  checked={shown.includes(m.member)}
                  onCheckedChange={(on: boolean | 'indeterminate') => setShown((now) => (on === true ? [...now, m.member] : now.filter((x) => x !== m.member)))}
                >
                  {m.login}
                </Checkbox>
              ))}
            </Flex>
          </Flex>
        ) : null}
        <Flex gap={3} wrap="wrap" alignItems="center">
          <Button type="submit" size="L" loading={busy} disabled={!chosen || !quantity || quantity < 1}>
            Place the order
          </Button>
          {chosen && quantity ? (
            <Typography textColor="neutral700">
              {quantity} × {price(chosen.price, chosen.currency, chosen.billingCycle)}
            </Typography>
          ) : null}
        </Flex>
      </Flex>
    </form>
  );
}

/** One order: what, how many, its state and who placed it, and, while it waits, withdrawing it where the engine allows. */
function OrderCard({ client, order, reload }: { client: ClientDetail; order: OrderEntry; reload: () => void }) {
  const { busy, error, done, act } = useAction(reload);
  const [asking, setAsking] = useState(false);
  const forWhom = order.orderedBy && order.orderedBy.login !== order.placedBy ? ` for ${order.orderedBy.login}` : '';
  return (
    <ItemCard
      label={`Order ${order.reference}`}
      head={
        <>
          <Box>
            <Typography fontWeight="bold" tag="h3">
              {order.reference}: {order.quantity} × {order.itemName}
            </Typography>
            <Typography variant="pi" textColor="neutral600" tag="p">
              {price(order.unitPrice, order.currency, order.billingCycle)} each · placed {when(order.placedAt)}
              {order.placedBy ? ` by ${order.placedBy}` : ''}
              {forWhom}
            </Typography>
          </Box>
          <Tag tone={TONE[order.orderStatus]}>{STATUS[order.orderStatus]}</Tag>
        </>
      }
    >
      {order.notes ? <Typography textColor="neutral800">Notes: {order.notes}</Typography> : null}
      {order.distributeTo.length ? (
        <Typography variant="pi" textColor="neutral700">
          To be seen by {order.distributeTo.map((m) => m.login).join(', ')}
        </Typography>
      ) : null}
      {order.orderStatus === 'accepted' ? (
        <Typography textColor="neutral800">
          Accepted {order.decidedAt ? when(order.decidedAt) : ''}.{' '}
          {order.product ? (
            client.sections.includes('products') ? (
              <To to={`/client/${client.documentId}/products`}>{`See ${order.product.name} in Products`}</To>
            ) : (
              `It is in this client as ${order.product.name}.`
            )
          ) : (
            'The product it made is not one you see.'
          )}
        </Typography>
      ) : null}
      {order.orderStatus === 'declined' ? (
        <Box padding={3} background="danger100" hasRadius>
          <Typography textColor="neutral800">Declined {order.decidedAt ? when(order.decidedAt) : ''}: {order.declineReason}</Typography>
        </Box>
      ) : null}
      {order.can.cancel.allowed ? (
        <Flex>
          <Button size="S" variant="tertiary" disabled={busy} onClick={() => setAsking(true)}>
            Withdraw
          </Button>
        </Flex>
      ) : null}
      <Confirm
        open={asking}
        onOpenChange={setAsking}
        title={`Withdraw order ${order.reference}?`}
        action="Withdraw the order"
        danger
        onConfirm={() => {
          setAsking(false);
          void act(() => call(`/client-area/clients/${client.documentId}/orders/${order.documentId}/cancel`, { method: 'POST' }), `Order ${order.reference} is withdrawn.`);
        }}
      >
        Our staff will not act on it, and nothing is billed for it. {order.placedBy ? `${order.placedBy} and the master account are told by mail.` : ''}
      </Confirm>
      <Failure error={error} />
      {done ? <Notice>{done}</Notice> : null}
    </ItemCard>
  );
}

/** The Orders section: placing an order from the catalogue, then the client's orders by status, newest first. */
export function Orders({ client }: { client: ClientDetail }) {
  const form = useAnswer<{ data: OrderForm }>(`/client-area/clients/${client.documentId}/catalogue`);
  const { answer, status, filterBy, page, setPage, pages } = useStatusPages<{ data: OrderEntry[]; meta: { total: number } }>(`/client-area/clients/${client.documentId}/orders`, PAGE_SIZE);
  const [placed, setPlaced] = useState<OrderEntry | null>(null);
  const orders = answer.data?.data;
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Card title="Place an order">
        <Failure error={form.error} />
        {placed ? (
          <Notice>
            Order {placed.reference} is placed. Our staff will accept it or tell you why not; you get a mail either way.
          </Notice>
        ) : null}
        {form.data ? (
          <PlaceOrder
            client={client}
            form={form.data.data}
            placed={(order) => {
              setPlaced(order);
              filterBy('');
              answer.reload();
            }}
          />
        ) : form.loading ? (
          <Loading />
        ) : null}
      </Card>
      <Card title="Orders">
        <Flex direction="column" alignItems="stretch" gap={4}>
          <StatusHead options={STATUS} status={status} filterBy={filterBy} total={answer.data?.meta.total} count={(total) => (total === 1 ? '1 order' : `${total} orders`)} />
          <Failure error={answer.error} />
          {answer.loading ? <Loading /> : null}
          {orders && orders.length === 0 ? (
            <Empty>{status ? `No order of ${client.name} is ${STATUS[status as OrderStatus].toLowerCase()}.` : `${client.name} has placed no order yet. Orders placed here by anyone holding Orders show in this list.`}</Empty>
          ) : null}
          <Flex tag="ul" direction="column" alignItems="stretch" gap={3} aria-label="Orders">
            {(orders ?? []).map((order) => (
              <OrderCard key={order.documentId} client={client} order={order} reload={answer.reload} />
            ))}
          </Flex>
          <Pager page={page} pages={pages} setPage={setPage} />
        </Flex>
      </Card>
    </Flex>
  );
}
