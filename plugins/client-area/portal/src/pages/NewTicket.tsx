import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { Box, Button, Field, Flex, SingleSelect, SingleSelectOption, TextInput, Textarea } from '@strapi/design-system';
import type { ClientDetail, TicketSummary } from '../../../shared/customer-api';
import { call } from '../api';
import { Card, Empty, Failure, To } from '../components';
import { Files } from '../Files';
import { useSubmit } from '../useAnswer';

const NONE = 'none';
const PRIORITIES = [
  ['low', 'Low'],
  ['normal', 'Normal'],
  ['high', 'High'],
  ['urgent', 'Urgent: a service is down'],
] as const;

/** Opening a ticket: about a product where the person holds Tickets, or about none when it holds Tickets for the whole client. */
export function NewTicket({ client }: { client: ClientDetail }) {
  const navigate = useNavigate();
  const products = client.products.filter((product) => product.sections.includes('tickets'));
  const clientWide = client.clientWideSections.includes('tickets');
  const [product, setProduct] = useState(clientWide ? NONE : products[0]?.documentId ?? NONE);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [priority, setPriority] = useState('normal');
  const [files, setFiles] = useState<File[]>([]);
  const { busy, error, run } = useSubmit();
  if (!clientWide && products.length === 0) return <Empty>You can't open a ticket here: you hold Tickets on no product of {client.name}.</Empty>;

  const open = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const form = new FormData();
      form.set('subject', subject);
      form.set('body', body);
      form.set('priority', priority);
      if (product !== NONE) form.set('product', product);
      for (const file of files) form.append('attachments', file);
      const { data } = await call<{ data: TicketSummary }>(`/client-area/clients/${client.documentId}/tickets`, { method: 'POST', body: form });
      navigate(`/ticket/${data.reference}`);
    });
  };
  return (
    <Card title="Open a ticket">
      <form onSubmit={open}>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Failure error={error} />
          <Field.Root name="subject" required>
            <Field.Label>Subject</Field.Label>
            <TextInput name="subject" value={subject} maxLength={300} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setSubject(e.target.value)} />
          </Field.Root>
          <Flex gap={4} wrap="wrap" alignItems="flex-start">
            <Box minWidth="240px">
              <Field.Root name="product" hint={clientWide ? undefined : 'Only the products where you hold Tickets.'}>
                <Field.Label>About</Field.Label>
                <SingleSelect value={product} onChange={(next: string | number) => setProduct(String(next))}>
                  {clientWide ? <SingleSelectOption value={NONE}>No particular product</SingleSelectOption> : null}
                  {products.map((p) => (
                    <SingleSelectOption key={p.documentId} value={p.documentId}>
                      {p.name}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
                <Field.Hint />
              </Field.Root>
            </Box>
            <Box minWidth="240px">
              <Field.Root name="priority">
                <Field.Label>Priority</Field.Label>
                <SingleSelect value={priority} onChange={(next: string | number) => setPriority(String(next))}>
                  {PRIORITIES.map(([value, label]) => (
                    <SingleSelectOption key={value} value={value}>
                      {label}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
            </Box>
          </Flex>
          <Field.Root name="body" required>
            <Field.Label>What happened?</Field.Label>
            <Textarea name="body" value={body} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setBody(e.target.value)} />
          </Field.Root>
          <Files files={files} onChange={setFiles} />
          <Flex gap={3} wrap="wrap" alignItems="center">
            <Button type="submit" size="L" loading={busy} disabled={!subject.trim() || !body.trim()}>
              Open the ticket
            </Button>
            <To to={`/client/${client.documentId}/tickets`}>Cancel</To>
          </Flex>
        </Flex>
      </form>
    </Card>
  );
}
