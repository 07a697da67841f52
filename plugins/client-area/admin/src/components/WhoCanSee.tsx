import { useState } from 'react';
import { Box, Button, Flex, Modal, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { describeFailure } from '../permissions';
import { useT } from '../t';
import { Tone } from './Tone';

interface Viewer {
  login: string | null;
  email: string | null;
  via: 'member' | 'secondary logon' | 'group reader';
  membership: { documentId: string; kind: string; status: string } | null;
  allowed: boolean;
  reason: string;
}

interface Answer {
  subject: { type: string; title: string; client: string | null };
  people: Viewer[];
}

const VIA = { member: 'who.via.member', 'secondary logon': 'who.via.logon', 'group reader': 'who.via.reader' } as const;

/**
 * "Who can see this?": everyone who might see a ticket, a product or an invoice, each
 * answered by the access engine on that person's own facts, with its reason.
 * `path`: the admin API path of the thing, e.g. /tickets/CA-1001.
 */
export function WhoCanSee({ path, label }: { path: string; label: string }) {
  const { get } = useFetchClient();
  const t = useT();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);

  const ask = () => {
    setAnswer(null);
    setError(null);
    get(`/client-area${path}/visibility`)
      .then(({ data }) => setAnswer((data as { data: Answer }).data))
      .catch((e: unknown) => setError(describeFailure(t, e, t('who.what'))));
  };

  const can = answer?.people.filter((p) => p.allowed) ?? [];
  const cannot = answer?.people.filter((p) => !p.allowed) ?? [];
  const table = (people: Viewer[], caption: string) => (
    <Box paddingTop={4}>
      <Typography variant="delta" tag="h3">
        {caption}
      </Typography>
      <Box paddingTop={2}>
        <Table colCount={3} rowCount={people.length + 1}>
          <Thead>
            <Tr>
              <Th><Typography variant="sigma">{t('who.person')}</Typography></Th>
              <Th><Typography variant="sigma">{t('who.via')}</Typography></Th>
              <Th><Typography variant="sigma">{t('who.reason')}</Typography></Th>
            </Tr>
          </Thead>
          <Tbody>
            {people.map((person) => (
              <Tr key={`${person.login}-${person.via}`}>
                <Td>
                  <Flex direction="column" alignItems="flex-start">
                    <Typography fontWeight="bold">{person.login}</Typography>
                    <Typography variant="pi" textColor="neutral600">{person.email}</Typography>
                  </Flex>
                </Td>
                <Td>
                  <Tone tone="neutral">{t(VIA[person.via])}</Tone>
                </Td>
                <Td><Typography>{person.reason}</Typography></Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      </Box>
    </Box>
  );

  return (
    <Modal.Root onOpenChange={(open: boolean) => open && ask()}>
      <Modal.Trigger>
        <Button variant="secondary" size="S">{label}</Button>
      </Modal.Trigger>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{answer ? t('who.title.of', { title: answer.subject.title }) : t('who.title')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {error ? <Typography textColor="danger600" role="alert">{error}</Typography> : null}
          {!answer && !error ? <Typography>{t('common.loading')}</Typography> : null}
          {answer ? (
            <>
              <Typography variant="omega" textColor="neutral600">{t('who.help')}</Typography>
              {can.length ? table(can, t('who.can', { count: can.length })) : <Box paddingTop={4}><Typography>{t('who.nobody')}</Typography></Box>}
              {cannot.length ? table(cannot, t('who.cannot', { count: cannot.length })) : null}
            </>
          ) : null}
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('common.close')}</Button>
          </Modal.Close>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}
