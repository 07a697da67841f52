import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link as RouterLink, NavLink, Route, Routes, useLocation, useParams } from 'react-router-dom';
import { Box, Button, Field, Flex, LinkButton, TextInput, Typography } from '@strapi/design-system';
import type { AccessMatrix, ClientDetail, ClientSummary } from '../../../shared/customer-api';
import { ApiError, call, session } from '../api';
import { Card, Empty, Failure, Loading, Page, To } from '../components';
import { SECTION_PAGES, useSectionLabels } from '../sections';
import { useAnswer, useSubmit } from '../useAnswer';
import { TicketList } from './Tickets';
import { NewTicket } from './NewTicket';
import { InvoicePage, Invoices } from './Billing';
import { Members } from './Access';
import { Products } from './Products';
import { Dashboard } from './Dashboard';
import { Contacts } from './Contacts';
import { AuditLog } from './Audit';
import { Orders } from './Orders';
import { Roles } from './Roles';
import { CompanyProfile } from './CompanyProfile';

/** Rule 2: a sub-account gives its relationship password before it acts for the client. */
function RelationshipPassword({ clientId, entered }: { clientId: string; entered: () => void }) {
  const [password, setPassword] = useState('');
  const { busy, error, run } = useSubmit();
  const enter = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const { data } = await call<{ data: { token: string | null } }>(`/client-area/clients/${clientId}/session`, { method: 'POST', body: { relationshipPassword: password } });
      if (data.token) session.keepRelationshipToken(clientId, data.token);
      entered();
    });
  };
  return (
    <Page title="Relationship password" lead="This client asks for the relationship password you were given with your access to it.">
      <Box maxWidth="440px">
        <Card>
          <form onSubmit={enter}>
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Failure error={error} />
              <Field.Root name="relationshipPassword" required hint="Lost it? The client's master account can give you a new one.">
                <Field.Label>Relationship password</Field.Label>
                <TextInput type="password" name="relationshipPassword" autoComplete="off" value={password} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setPassword(e.target.value)} />
                <Field.Hint />
              </Field.Root>
              <Button type="submit" size="L" loading={busy}>
                Enter
              </Button>
            </Flex>
          </form>
        </Card>
      </Box>
    </Page>
  );
}

/** The menu of a client: its overview, then the person's sections there and nothing else. */
function Menu({ client, label }: { client: ClientDetail; label: (name: string) => string }) {
  const items = [
    { to: '', name: 'Overview' },
    ...client.sections.map((section) => ({ to: section, name: label(section) })),
    // The audit log is the master's alone (rule 15).
    ...(client.relation === 'master' ? [{ to: 'audit', name: 'Audit log' }] : []),
  ];
  return (
    <Box tag="nav" aria-label={`${client.name} menu`} background="neutral0" hasRadius shadow="tableShadow" padding={2}>
      <Flex tag="ul" gap={1} wrap="wrap">
        {items.map((item) => (
          <Box tag="li" key={item.name} style={{ listStyle: 'none' }}>
            <NavLink end={!item.to} to={`/client/${client.documentId}${item.to ? `/${item.to}` : ''}`} className="menu-link">
              {item.name}
            </NavLink>
          </Box>
        ))}
      </Flex>
    </Box>
  );
}

/** The Contacts section: its members and their access, its roles, then its contacts; a contact given a login shows among the members at once. */
function ContactsSection({ client, label }: { client: ClientDetail; label: (name: string) => string }) {
  const access = useAnswer<{ data: AccessMatrix }>(`/client-area/clients/${client.documentId}/access`);
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Members client={client} label={label} answer={access} />
      {access.data ? <Roles client={client} matrix={access.data.data} changed={access.reload} /> : null}
      <Contacts client={client} accessChanged={access.reload} />
    </Flex>
  );
}

/** A section the person holds but the portal has no page for yet (another plugin's, say). */
function Placeholder({ name }: { name: string }) {
  return <Empty>The {name} section has no page in this portal yet. Your access to it is in place; contact support for what it covers.</Empty>;
}

/** A section's address the person may not use: it says so, plainly. */
function NotYours({ client, name }: { client: ClientDetail; name: string }) {
  return (
    <Empty>
      You don't have the {name} section at {client.name}. Ask whoever manages your access there (the client's master account) if you need it.
    </Empty>
  );
}

function Section({ client, label }: { client: ClientDetail; label: (name: string) => string }) {
  const { section = '' } = useParams();
  const name = label(section);
  if (!client.sections.includes(section)) return <NotYours client={client} name={name} />;
  if (section === 'tickets') {
    return (
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Flex justifyContent="flex-end">
          <LinkButton tag={RouterLink} to={`/client/${client.documentId}/tickets/new`}>
            Open a ticket
          </LinkButton>
        </Flex>
        <TicketList view="client" client={client.documentId} />
      </Flex>
    );
  }
  if (section === 'products') return <Products client={client} label={label} />;
  if (section === 'contacts') return <ContactsSection client={client} label={label} />;
  if (section === 'billing') return <Invoices client={client} />;
  if (section === 'orders') return <Orders client={client} />;
  if (section === 'profile') return <CompanyProfile client={client} />;
  return (SECTION_PAGES as readonly string[]).includes(section) ? null : <Placeholder name={name} />;
}

/**
 * A client the person can't enter. A member whose own access is suspended or ended is
 * told so, and whom to ask (its clients list still names the client); anyone else hears
 * only that it doesn't exist for them.
 */
function ClientRefused({ clientId, error }: { clientId: string; error: unknown }) {
  const clients = useAnswer<{ data: ClientSummary[] }>(error instanceof ApiError && error.status === 404 ? '/client-area/clients' : null);
  const mine = clients.data?.data.find((c) => c.documentId === clientId);
  if (clients.loading) return <Loading />;
  return (
    <Page title={mine?.name ?? 'Client'}>
      {mine && mine.status !== 'active' ? (
        <Box background="warning100" padding={4} hasRadius role="alert">
          <Typography textColor="neutral800">
            Your access to {mine.name} is {mine.status}: you can't open anything there until it is restored. Ask the client's master account, or whoever manages your access
            there.
          </Typography>
        </Box>
      ) : (
        <Failure error={error} />
      )}
      <To to="/">Back to your clients</To>
    </Page>
  );
}

/** One client: the relationship password first when it asks for one, then its menu and the page chosen. */
export function ClientArea() {
  const { clientId = '' } = useParams();
  const answer = useAnswer<{ data: ClientDetail }>(`/client-area/clients/${clientId}`);
  // Asked again on every page of the client: a menu follows access changed meanwhile, and a
  // suspended or removed member's next click is refused rather than shown an empty page.
  const { key } = useLocation();
  const { reload } = answer;
  const first = useRef(key);
  useEffect(() => {
    if (key !== first.current) reload();
  }, [key, reload]);
  const { label } = useSectionLabels();
  const client = answer.data?.data;
  if (answer.error instanceof ApiError && answer.error.details.relationshipPasswordRequired) return <RelationshipPassword clientId={clientId} entered={answer.reload} />;
  if (answer.error) return <ClientRefused clientId={clientId} error={answer.error} />;
  if (!client) return <Loading />;
  return (
    <Page title={client.name} lead={`Reference ${client.reference}`}>
      <Menu client={client} label={label} />
      <Routes>
        <Route index element={<Dashboard client={client} label={label} />} />
        <Route path="tickets/new" element={client.sections.includes('tickets') ? <NewTicket client={client} /> : <NotYours client={client} name={label('tickets')} />} />
        <Route path="billing/:invoiceId" element={client.sections.includes('billing') ? <InvoicePage client={client} /> : <NotYours client={client} name={label('billing')} />} />
        <Route path="audit" element={client.relation === 'master' ? <AuditLog client={client} /> : <Empty>Only the master account of {client.name} reads its audit log.</Empty>} />
        <Route path=":section" element={<Section client={client} label={label} />} />
      </Routes>
    </Page>
  );
}
