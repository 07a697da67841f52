import { useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { Box, Button, Field, Flex, Link, Td, TextInput, Textarea, Typography } from '@strapi/design-system';
import { BackButton, Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { useStaffPermissions } from '../permissions';
import { useT } from '../t';
import { Tone } from '../components/Tone';
import { useAction, useFetched } from '../data';
import { ListTable } from '../components/ListTable';
import { Confirm } from '../components/Confirm';

interface CategoryRow {
  documentId: string;
  name: string;
  description: string | null;
  members: number;
  readers: number;
}

interface Person {
  documentId: string;
  name: string | null;
  email: string;
  client: { documentId: string; name: string } | null;
  takesGeneralMail: boolean;
}

interface Category {
  documentId: string;
  name: string;
  description: string | null;
  members: Person[];
  readers: Person[];
  recipients: string[];
}

function CategoryList() {
  const t = useT();
  const { data: rows, error } = useFetched<CategoryRow[]>('/client-area/user-categories', t('categories.what'));
  return (
    <>
      <Page.Title>{t('categories.title')}</Page.Title>
      <Layouts.Header title={t('categories.title')} subtitle={t('categories.subtitle')} />
      <Layouts.Content>
        <ListTable
          heads={[t('categories.name'), t('categories.description'), t('categories.members'), t('categories.readers')]}
          rows={rows}
          error={error}
          none={t('categories.none')}
          rowKey={(row) => row.documentId}
          cells={(row) => (
            <>
              <Td><Link tag={RouterLink} to={row.documentId}>{row.name}</Link></Td>
              <Td style={{ whiteSpace: 'normal' }}><Typography>{row.description ?? ''}</Typography></Td>
              <Td><Typography>{row.members}</Typography></Td>
              <Td><Typography>{row.readers}</Typography></Td>
            </>
          )}
        />
      </Layouts.Content>
    </>
  );
}

function People({ people, caption }: { people: Person[]; caption: string }) {
  const t = useT();
  return (
    <Box paddingTop={2}>
      <Typography variant="delta" tag="h2">{caption}</Typography>
      <Box paddingTop={2}>
        <ListTable
          heads={[t('categories.person'), t('tickets.client'), t('categories.generalMail')]}
          rows={people}
          none={t('categories.nobody')}
          rowKey={(person) => person.documentId}
          cells={(person) => (
            <>
              <Td>
                <Flex direction="column" alignItems="flex-start">
                  <Typography fontWeight="bold">{person.name ?? person.email}</Typography>
                  {person.name ? <Typography variant="pi" textColor="neutral600">{person.email}</Typography> : null}
                </Flex>
              </Td>
              <Td><Typography>{person.client?.name ?? ''}</Typography></Td>
              <Td><Tone tone={person.takesGeneralMail ? 'success' : 'neutral'}>{person.takesGeneralMail ? t('common.yes') : t('common.no')}</Tone></Td>
            </>
          )}
        />
      </Box>
    </Box>
  );
}

/** One category: its members and group readers, and a mail to it with its recipients shown first. */
function CategoryView({ id }: { id: string }) {
  const { post } = useFetchClient();
  const staff = useStaffPermissions();
  const t = useT();
  const { data: category, error } = useFetched<Category>(`/client-area/user-categories/${id}`, t('categories.what'));
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [confirming, setConfirming] = useState(false);
  const { busy: sending, run } = useAction(t('categories.what'));

  const send = async () => {
    const sent = await run<{ recipients: number }>(() => post(`/client-area/user-categories/${id}/mail`, { subject, body }), (answer: { recipients: number }) => t('categories.sent', { count: answer.recipients }));
    if (sent) {
      setSubject('');
      setBody('');
    }
    setConfirming(false);
  };

  if (error) return <Page.Error content={error} />;
  if (!category) return <Page.Loading />;
  const left = category.members.filter((m) => !m.takesGeneralMail).length;

  return (
    <>
      <Page.Title>{category.name}</Page.Title>
      <Layouts.Header navigationAction={<BackButton fallback=".." />} title={category.name} subtitle={category.description ?? undefined} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
            <People people={category.members} caption={t('categories.members')} />
            <Box paddingTop={6}>
              <People people={category.readers} caption={t('categories.readers')} />
              <Box paddingTop={2}>
                <Typography variant="pi" textColor="neutral600">{t('categories.readers.help')}</Typography>
              </Box>
            </Box>
          </Box>
          {staff.can('categories', 'manage') ? (
            <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Typography variant="delta" tag="h2">{t('categories.mail')}</Typography>
                <Field.Root name="subject">
                  <Field.Label>{t('categories.mail.subject')}</Field.Label>
                  <TextInput value={subject} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setSubject(e.target.value)} />
                </Field.Root>
                <Field.Root name="body">
                  <Field.Label>{t('categories.mail.body')}</Field.Label>
                  <Textarea value={body} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setBody(e.target.value)} />
                </Field.Root>
                <Box aria-live="polite">
                  <Typography>
                    {category.recipients.length ? t('categories.mail.to', { count: category.recipients.length, addresses: category.recipients.join(', ') }) : t('categories.mail.nobody')}
                  </Typography>
                  {left ? <Typography variant="pi" textColor="neutral600" tag="p">{t('categories.mail.left', { count: left })}</Typography> : null}
                </Box>
                <Box>
                  <Button disabled={!subject.trim() || !body.trim() || category.recipients.length === 0 || sending} onClick={() => setConfirming(true)}>
                    {t('categories.mail.send')}
                  </Button>
                </Box>
              </Flex>
            </Box>
          ) : null}
        </Flex>
        <Confirm
          open={confirming}
          onOpenChange={setConfirming}
          title={t('categories.mail.confirm', { count: category.recipients.length })}
          action={t('categories.mail.send')}
          loading={sending}
          onConfirm={send}
        >
          <Typography>{t('categories.mail.confirm.body', { subject })}</Typography>
        </Confirm>
      </Layouts.Content>
    </>
  );
}

const CategoriesPage = () => {
  const { categoryId } = useParams();
  return <Page.Main>{categoryId ? <CategoryView key={categoryId} id={categoryId} /> : <CategoryList />}</Page.Main>;
};

export { CategoriesPage };
export default CategoriesPage;
