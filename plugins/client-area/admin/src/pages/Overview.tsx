import { useEffect, useState } from 'react';
import { Box, Flex, Link, Main, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Page, useFetchClient } from '@strapi/strapi/admin';
import { Tickets } from './Tickets';
import { describeFailure, useStaffPermissions } from '../permissions';
import { CONTENT_TYPE_AREA } from '../../../shared/staff-areas';

interface Section {
  name: string;
  label: string;
  description: string;
  productScoped: boolean;
  origin: string;
}

const COLLECTIONS: Array<[string, string]> = [
  ['client', 'Clients'],
  ['contact', 'Contacts'],
  ['membership', 'Memberships'],
  ['grant', 'Grants'],
  ['access-role', 'Access roles'],
  ['product', 'Products'],
  ['invoice', 'Invoices'],
  ['security-group', 'Security groups'],
  ['secondary-logon', 'Secondary logons'],
  ['user-category', 'User categories'],
  ['ticket', 'Tickets'],
  ['audit-entry', 'Audit log'],
  ['mail-intake', 'Mail intake'],
  ['mail-outbox', 'Mail outbox'],
];

const Overview = () => {
  const { get } = useFetchClient();
  const staff = useStaffPermissions();
  const [sections, setSections] = useState<Section[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    get('/client-area/sections')
      .then(({ data }) => setSections((data as { data: Section[] }).data))
      .catch((e: unknown) => setError(describeFailure(e, 'the sections')));
  }, [get]);

  // Reached by its URL without any of the plugin's permissions: say so, in the admin's own words.
  if (!staff.any) return <Page.NoPermissions />;
  const collections = COLLECTIONS.filter(([uid]) => staff.can(CONTENT_TYPE_AREA[uid]));

  return (
    <Main>
      <Box padding={8}>
        <Typography variant="alpha" tag="h1">
          Client Area
        </Typography>
        <Box paddingTop={2} paddingBottom={6}>
          <Typography variant="epsilon">Clients, delegated access, tickets and mail.</Typography>
        </Box>
        <Flex gap={2} wrap="wrap" paddingBottom={6}>
          {collections.map(([uid, label]) => (
            <Link key={uid} href={`/admin/content-manager/collection-types/plugin::client-area.${uid}`}>
              {label}
            </Link>
          ))}
        </Flex>
        <Typography variant="beta" tag="h2">
          Sections
        </Typography>
        {error ? <Typography textColor="danger600">{error}</Typography> : null}
        <Table colCount={4} rowCount={sections.length + 1}>
          <Thead>
            <Tr>
              <Th><Typography variant="sigma">Section</Typography></Th>
              <Th><Typography variant="sigma">Description</Typography></Th>
              <Th><Typography variant="sigma">Per product</Typography></Th>
              <Th><Typography variant="sigma">From</Typography></Th>
            </Tr>
          </Thead>
          <Tbody>
            {sections.map((section) => (
              <Tr key={section.name}>
                <Td><Typography>{section.label} ({section.name})</Typography></Td>
                <Td><Typography>{section.description}</Typography></Td>
                <Td><Typography>{section.productScoped ? 'yes' : 'no'}</Typography></Td>
                <Td><Typography>{section.origin}</Typography></Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
        {staff.can('tickets') ? <Tickets canReply={staff.can('tickets', 'manage')} /> : null}
      </Box>
    </Main>
  );
};

export { Overview };
export default Overview;
