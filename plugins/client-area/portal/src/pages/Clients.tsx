import { Box, Flex, Grid, Typography } from '@strapi/design-system';
import type { ClientSummary, Me } from '../../../shared/customer-api';
import { Card, Empty, Failure, Loading, Page, Tag, To } from '../components';
import { useSectionLabels } from '../sections';
import { useAnswer } from '../useAnswer';

const RELATION: Record<ClientSummary['relation'], string> = { master: 'Master account', 'sub-account': 'Sub-account', 'secondary-logon': 'Secondary logon' };

/** Home: every client the person reaches, what it may do in each, and its tickets across them. */
export function Clients() {
  const me = useAnswer<{ data: Me }>('/client-area/me');
  const clients = useAnswer<{ data: ClientSummary[] }>('/client-area/clients');
  const { label } = useSectionLabels();
  const list = clients.data?.data;
  return (
    <Page
      title="Your clients"
      lead={me.data ? `Logged in as ${me.data.data.username}` : undefined}
      actions={
        <Flex gap={4} wrap="wrap">
          {list?.some((client) => client.relation === 'master') ? <To to="/portfolio">Your portfolio</To> : null}
          <To to="/tickets">Your tickets</To>
        </Flex>
      }
    >
      <Failure error={clients.error ?? me.error} />
      {clients.loading ? <Loading /> : null}
      {list && list.length === 0 ? <Empty>You have no access to any client yet. When a client's master account gives you access, the client appears here.</Empty> : null}
      <Grid.Root gap={4}>
        {(list ?? []).map((client) => (
          <Grid.Item key={client.documentId} col={6} s={12} xs={12} direction="column" alignItems="stretch">
            <Card label={client.name}>
              <Flex direction="column" alignItems="stretch" gap={3}>
                <Flex justifyContent="space-between" gap={2} wrap="wrap">
                  <Typography variant="delta" tag="h2">
                    <To to={`/client/${client.documentId}`}>{client.name}</To>
                  </Typography>
                  <Tag tone={client.status === 'active' ? 'neutral' : 'warning'}>
                    {RELATION[client.relation]}
                    {client.status !== 'active' ? ` (${client.status})` : ''}
                  </Tag>
                </Flex>
                {client.relationshipPasswordRequired ? (
                  <Typography textColor="neutral700">Relationship password required: open the client to give it.</Typography>
                ) : client.sections.length ? (
                  <Flex gap={3} wrap="wrap" tag="ul" aria-label={`Your sections at ${client.name}`}>
                    {client.sections.map((section) => (
                      <Box tag="li" key={section} style={{ listStyle: 'none' }}>
                        <To to={`/client/${client.documentId}/${section}`}>{label(section)}</To>
                      </Box>
                    ))}
                  </Flex>
                ) : (
                  <Typography textColor="neutral700">You hold no section here yet.</Typography>
                )}
              </Flex>
            </Card>
          </Grid.Item>
        ))}
      </Grid.Root>
    </Page>
  );
}
