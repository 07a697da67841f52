import { Box, Flex, Link, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useStaffPermissions } from '../permissions';
import { useFetched } from '../data';
import { useT } from '../t';
import { CONTENT_TYPE_AREA } from '../../../shared/staff-areas';

interface Section {
  name: string;
  label: string;
  description: string;
  productScoped: boolean;
  origin: string;
  hidden: boolean;
}

const COLLECTIONS: Array<[string, string]> = [
  ['client', 'Clients'],
  ['contact', 'Contacts'],
  ['membership', 'Memberships'],
  ['grant', 'Grants'],
  ['access-role', 'Access roles'],
  ['product', 'Products'],
  ['invoice', 'Invoices'],
  ['catalogue-item', 'Catalogue'],
  ['order', 'Orders'],
  ['security-group', 'Security groups'],
  ['secondary-logon', 'Secondary logons'],
  ['user-category', 'User categories'],
  ['ticket', 'Tickets'],
  ['audit-entry', 'Audit log'],
  ['mail-intake', 'Mail intake'],
  ['mail-outbox', 'Mail outbox'],
];

/** The sections customers are given access to, and the raw records in the content manager. */
const Overview = () => {
  const staff = useStaffPermissions();
  const t = useT();
  const { data, error } = useFetched<Section[]>('/client-area/sections', t('overview.sections').toLowerCase());
  const sections = data ?? [];

  const collections = COLLECTIONS.filter(([uid]) => staff.can(CONTENT_TYPE_AREA[uid]));

  return (
    <Page.Main>
      <Page.Title>{t('overview.title')}</Page.Title>
      <Layouts.Header title={t('overview.title')} subtitle={t('overview.subtitle')} />
      <Layouts.Content>
        <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
          <Typography variant="delta" tag="h2">
            {t('overview.records')}
          </Typography>
          <Box paddingTop={1} paddingBottom={3}>
            <Typography variant="omega" textColor="neutral600">
              {t('overview.records.help')}
            </Typography>
          </Box>
          <Flex gap={4} wrap="wrap">
            {collections.map(([uid, label]) => (
              <Link key={uid} href={`/admin/content-manager/collection-types/plugin::client-area.${uid}`}>
                {label}
              </Link>
            ))}
          </Flex>
        </Box>
        <Box paddingTop={6}>
          <Typography variant="delta" tag="h2">
            {t('overview.sections')}
          </Typography>
          {error ? <Typography textColor="danger600">{error}</Typography> : null}
          <Box paddingTop={3}>
            <Table colCount={5} rowCount={sections.length + 1}>
              <Thead>
                <Tr>
                  <Th><Typography variant="sigma">{t('overview.section')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('overview.description')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('overview.perProduct')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('overview.from')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('overview.shown')}</Typography></Th>
                </Tr>
              </Thead>
              <Tbody>
                {sections.map((section) => (
                  <Tr key={section.name}>
                    <Td><Typography>{section.label} ({section.name})</Typography></Td>
                    <Td><Typography>{section.description}</Typography></Td>
                    <Td><Typography>{section.productScoped ? t('common.yes') : t('common.no')}</Typography></Td>
                    <Td><Typography>{section.origin}</Typography></Td>
                    <Td><Typography>{section.hidden ? t('overview.hidden') : t('common.yes')}</Typography></Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </Box>
        </Box>
      </Layouts.Content>
    </Page.Main>
  );
};

export { Overview };
export default Overview;
