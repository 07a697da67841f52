import { useEffect, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { Box, EmptyStateLayout, Flex, Link, SearchForm, Searchbar, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, Pagination, useFetchClient, useQueryParams } from '@strapi/strapi/admin';
import { describeFailure } from '../permissions';
import { useT } from '../t';
import { dateOf } from '../format';
import { Tone } from '../components/Tone';

export interface ClientRow {
  documentId: string;
  name: string;
  reference: string;
  status: 'active' | 'inactive';
  createdAt: string;
  master: { documentId: string; login: string | null; email: string | null; status: string } | null;
}

interface Meta {
  page: number;
  pageSize: number;
  total: number;
}

/** Staff find a client by its name, reference, a contact's email or a member's login. */
const ClientsPage = () => {
  const { get } = useFetchClient();
  const t = useT();
  const [{ query }, setQuery] = useQueryParams<{ _q?: string; page?: string | number; pageSize?: string }>();
  const [search, setSearch] = useState(query._q ?? '');
  const [rows, setRows] = useState<ClientRow[] | null>(null);
  const [meta, setMeta] = useState<Meta>({ page: 1, pageSize: 25, total: 0 });
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const params = { q: query._q ?? '', page: String(query.page ?? '1'), pageSize: query.pageSize ?? '25' };
    get('/client-area/clients', { params })
      .then(({ data }) => {
        const body = data as { data: ClientRow[]; meta: Meta };
        setRows(body.data);
        setMeta(body.meta);
        setError(null);
      })
      .catch((e: unknown) => setError(describeFailure(t, e, t('clients.what'))));
  }, [get, t, query._q, query.page, query.pageSize]);

  const pageCount = Math.max(1, Math.ceil(meta.total / meta.pageSize));
  return (
    <Page.Main>
      <Page.Title>{t('clients.title')}</Page.Title>
      <Layouts.Header title={t('clients.title')} subtitle={t('clients.subtitle', { total: meta.total })} />
      <Layouts.Action
        startActions={
          // Finding a client is what this page is for: the search field is always open.
          <Box width="420px" maxWidth="100%">
            <SearchForm
              onSubmit={(e: React.FormEvent) => {
                e.preventDefault();
                setQuery({ _q: search.trim(), page: 1 });
              }}
            >
              <Searchbar
                name="search"
                value={search}
                onChange={(e: React.ChangeEvent<HTMLInputElement>) => setSearch(e.target.value)}
                onClear={() => {
                  setSearch('');
                  setQuery({ _q: '', page: 1 });
                }}
                clearLabel={t('common.clear')}
                placeholder={t('clients.search.placeholder')}
              >
                {t('clients.search')}
              </Searchbar>
            </SearchForm>
          </Box>
        }
      />
      <Layouts.Content>
        {error ? (
          <Box paddingBottom={4}>
            <Typography textColor="danger600" role="alert">{error}</Typography>
          </Box>
        ) : null}
        {rows === null && !error ? <Page.Loading /> : null}
        {rows && rows.length === 0 ? <EmptyStateLayout content={query._q ? t('clients.none.search', { q: query._q }) : t('clients.none')} /> : null}
        {rows && rows.length > 0 ? (
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Table colCount={5} rowCount={rows.length + 1}>
              <Thead>
                <Tr>
                  <Th><Typography variant="sigma">{t('clients.name')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('clients.reference')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('clients.master')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('clients.status')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('clients.since')}</Typography></Th>
                </Tr>
              </Thead>
              <Tbody>
                {rows.map((client) => (
                  <Tr key={client.documentId}>
                    <Td>
                      <Link tag={RouterLink} to={client.documentId}>
                        {client.name}
                      </Link>
                    </Td>
                    <Td><Typography>{client.reference}</Typography></Td>
                    <Td>
                      <Typography>{client.master ? `${client.master.login ?? ''} ${client.master.email ? `<${client.master.email}>` : ''}` : t('clients.noMaster')}</Typography>
                    </Td>
                    <Td>
                      <Tone tone={client.status === 'active' ? 'success' : 'neutral'}>{t(client.status === 'active' ? 'status.active' : 'status.inactive')}</Tone>
                    </Td>
                    <Td><Typography>{dateOf(client.createdAt)}</Typography></Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
            <Pagination.Root pageCount={pageCount} total={meta.total} defaultPageSize={meta.pageSize}>
              <Pagination.PageSize />
              <Pagination.Links />
            </Pagination.Root>
          </Flex>
        ) : null}
      </Layouts.Content>
    </Page.Main>
  );
};

export { ClientsPage };
export default ClientsPage;
