import { useParams } from 'react-router-dom';
import { Box, Flex, Grid, Table, Tabs, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { BackButton, Layouts, Page } from '@strapi/strapi/admin';
import { useStaffPermissions } from '../permissions';
import { useFetched } from '../data';
import { useT } from '../t';
import { dateOf } from '../format';
import { AccessMatrix } from '../components/AccessMatrix';
import { WhoCanSee } from '../components/WhoCanSee';
import { TicketQueue } from '../components/TicketQueue';
import { AuditLog } from '../components/AuditLog';
import { ContactsPanel } from '../components/ContactsPanel';
import { InvoicesPanel } from '../components/InvoicesPanel';
import type { ClientRow } from './ClientsPage';
import { Tone } from '../components/Tone';

interface ClientDetail extends ClientRow {
  counts: { members: number; contacts: number; products: number; invoices: number; openTickets: number };
}

interface Product {
  documentId: string;
  name: string;
  productType: string | null;
  status: string;
}

/** The tab each staff area opens on a client's page. */
const TAB_OF = { contacts: 'access', products: 'products', billing: 'invoices', tickets: 'tickets', audit: 'audit' } as const;

/** One client as staff see it: what it holds, who has which access, its products and tickets. */
const ClientPage = () => {
  const { clientId = '' } = useParams();
  const staff = useStaffPermissions();
  const t = useT();
  const { data: client, error, reload } = useFetched<ClientDetail>(`/client-area/clients/${clientId}`, t('client.what'));
  // Asked only of a role that reads products.
  const products = useFetched<Product[]>(staff.can('products') ? `/client-area/clients/${clientId}/products` : '', t('client.products').toLowerCase()).data ?? [];

  if (error) return <Page.Error content={error} />;
  if (!client) return <Page.Loading />;

  const facts: Array<[string, string | number]> = [
    [t('clients.reference'), client.reference],
    [t('clients.master'), client.master ? `${client.master.login ?? ''} <${client.master.email ?? ''}>` : t('clients.noMaster')],
    [t('client.members'), client.counts.members],
    [t('client.contacts'), client.counts.contacts],
    [t('client.products'), client.counts.products],
    [t('client.invoices'), client.counts.invoices],
    [t('client.openTickets'), client.counts.openTickets],
    [t('clients.since'), dateOf(client.createdAt)],
  ];

  return (
    <Page.Main>
      <Page.Title>{client.name}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton fallback="../clients" />}
        title={client.name}
        subtitle={
          <Flex gap={2}>
            <Typography variant="epsilon" textColor="neutral600">{client.reference}</Typography>
            <Tone tone={client.status === 'active' ? 'success' : 'neutral'}>{t(client.status === 'active' ? 'status.active' : 'status.inactive')}</Tone>
          </Flex>
        }
      />
      <Layouts.Content>
        <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius marginBottom={6}>
          <Grid.Root gap={4}>
            {facts.map(([label, value]) => (
              <Grid.Item key={label} col={3} s={6} xs={6} direction="column" alignItems="flex-start">
                <Typography variant="sigma" textColor="neutral600">{label}</Typography>
                <Typography>{value}</Typography>
              </Grid.Item>
            ))}
          </Grid.Root>
        </Box>
        <Tabs.Root defaultValue={(['contacts', 'products', 'billing', 'tickets', 'audit'] as const).filter((area) => staff.can(area)).map((area) => TAB_OF[area])[0]}>
          <Tabs.List aria-label={t('client.tabs')}>
            {staff.can('contacts') ? <Tabs.Trigger value="access">{t('client.tab.access')}</Tabs.Trigger> : null}
            {staff.can('contacts') ? <Tabs.Trigger value="contacts">{t('client.tab.contacts')}</Tabs.Trigger> : null}
            {staff.can('products') ? <Tabs.Trigger value="products">{t('client.tab.products')}</Tabs.Trigger> : null}
            {staff.can('billing') ? <Tabs.Trigger value="invoices">{t('client.tab.invoices')}</Tabs.Trigger> : null}
            {staff.can('tickets') ? <Tabs.Trigger value="tickets">{t('client.tab.tickets')}</Tabs.Trigger> : null}
            {staff.can('audit') ? <Tabs.Trigger value="audit">{t('client.tab.audit')}</Tabs.Trigger> : null}
          </Tabs.List>
          <Box background="neutral0" padding={6} shadow="filterShadow">
            {staff.can('contacts') ? (
              <Tabs.Content value="access">
                <AccessMatrix clientId={clientId} canManage={staff.can('contacts', 'manage')} onChanged={reload} />
              </Tabs.Content>
            ) : null}
            {staff.can('contacts') ? (
              <Tabs.Content value="contacts">
                <ContactsPanel clientId={clientId} />
              </Tabs.Content>
            ) : null}
            {staff.can('billing') ? (
              <Tabs.Content value="invoices">
                <InvoicesPanel clientId={clientId} canManage={staff.can('billing', 'manage')} />
              </Tabs.Content>
            ) : null}
            {staff.can('products') ? (
              <Tabs.Content value="products">
                {products.length === 0 ? (
                  <Typography>{t('client.noProducts')}</Typography>
                ) : (
                  <Table colCount={4} rowCount={products.length + 1}>
                    <Thead>
                      <Tr>
                        <Th><Typography variant="sigma">{t('product.name')}</Typography></Th>
                        <Th><Typography variant="sigma">{t('product.type')}</Typography></Th>
                        <Th><Typography variant="sigma">{t('clients.status')}</Typography></Th>
                        <Th><Typography variant="sigma">{t('who.title')}</Typography></Th>
                      </Tr>
                    </Thead>
                    <Tbody>
                      {products.map((product) => (
                        <Tr key={product.documentId}>
                          <Td><Typography fontWeight="bold">{product.name}</Typography></Td>
                          <Td><Typography>{product.productType ?? ''}</Typography></Td>
                          <Td><Tone tone={product.status === 'active' ? 'success' : 'neutral'}>{product.status}</Tone></Td>
                          <Td><WhoCanSee path={`/products/${product.documentId}`} label={t('who.ask.product', { name: product.name })} /></Td>
                        </Tr>
                      ))}
                    </Tbody>
                  </Table>
                )}
              </Tabs.Content>
            ) : null}
            {staff.can('tickets') ? (
              <Tabs.Content value="tickets">
                <TicketQueue client={clientId} products={products} />
              </Tabs.Content>
            ) : null}
            {staff.can('audit') ? (
              <Tabs.Content value="audit">
                <AuditLog client={clientId} />
              </Tabs.Content>
            ) : null}
          </Box>
        </Tabs.Root>
      </Layouts.Content>
    </Page.Main>
  );
};

export { ClientPage };
export default ClientPage;
