import { useState, type FormEvent } from 'react';
import { Box, Button, Flex, Grid, Textarea, Field, Typography } from '@strapi/design-system';
import type { ClientDetail, ClientProfile } from '../../../shared/customer-api';
import { call } from '../api';
import { Card, Failure, Input, Loading, Notice } from '../components';
import { useAnswer, useSubmit } from '../useAnswer';

type Editable = 'address' | 'country' | 'vatNumber' | 'phone' | 'website';

/** The client's details, as a form: what the person changes is saved for everyone at the client. */
function DetailsForm({ client, profile, saved }: { client: ClientDetail; profile: ClientProfile; saved: (next: ClientProfile) => void }) {
  const [values, setValues] = useState<Record<Editable, string>>({
    address: profile.address ?? '',
    country: profile.country ?? '',
    vatNumber: profile.vatNumber ?? '',
    phone: profile.phone ?? '',
    website: profile.website ?? '',
  });
  const [done, setDone] = useState(false);
  const { busy, error, run } = useSubmit();
  const set = (field: Editable) => (value: string) => setValues((now) => ({ ...now, [field]: value }));
  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      setDone(false);
      const body = Object.fromEntries(Object.entries(values).map(([field, value]) => [field, value.trim() || null]));
      const { data } = await call<{ data: ClientProfile }>(`/client-area/clients/${client.documentId}/profile`, { method: 'PUT', body });
      saved(data);
      setDone(true);
    });
  };
  return (
    <form onSubmit={save} aria-label={`Details of ${profile.name}`}>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography textColor="neutral700">
          {profile.name}, reference {profile.reference}. The name and the reference are on your invoices and contracts: to change them, open a ticket or write to support.
        </Typography>
        <Failure error={error} />
        {done ? <Notice>The details of {profile.name} are saved.</Notice> : null}
        <Field.Root name="address" hint="As it should stand on invoices.">
          <Field.Label>Address</Field.Label>
          <Textarea name="address" value={values.address} maxLength={500} autoComplete="street-address" onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => set('address')(e.target.value)} />
          <Field.Hint />
        </Field.Root>
        <Grid.Root gap={4}>
          <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
            <Input label="Country" name="country" value={values.country} onChange={set('country')} autoComplete="country" required={false} maxLength={2} hint="Two letters, such as DE or GB." />
          </Grid.Item>
          <Grid.Item col={5} s={6} xs={12} direction="column" alignItems="stretch">
            <Input label="VAT number" name="vatNumber" value={values.vatNumber} onChange={set('vatNumber')} required={false} maxLength={32} />
          </Grid.Item>
          <Grid.Item col={4} s={6} xs={12} direction="column" alignItems="stretch">
            <Input label="Phone" name="companyPhone" type="tel" value={values.phone} onChange={set('phone')} autoComplete="tel" required={false} maxLength={40} />
          </Grid.Item>
          <Grid.Item col={6} s={12} xs={12} direction="column" alignItems="stretch">
            <Input label="Website" name="website" type="url" value={values.website} onChange={set('website')} autoComplete="url" required={false} maxLength={200} />
          </Grid.Item>
        </Grid.Root>
        <Box>
          <Button type="submit" loading={busy}>
            Save the details
          </Button>
        </Box>
      </Flex>
    </form>
  );
}

/** The Profile section: the client's company details, kept by those holding it. */
export function CompanyProfile({ client }: { client: ClientDetail }) {
  const answer = useAnswer<{ data: ClientProfile }>(`/client-area/clients/${client.documentId}/profile`);
  const [current, setCurrent] = useState<ClientProfile | null>(null);
  const profile = current ?? answer.data?.data;
  return (
    <Card title="Company details">
      <Failure error={answer.error} />
      {profile ? <DetailsForm client={client} profile={profile} saved={setCurrent} /> : answer.loading ? <Loading /> : null}
    </Card>
  );
}
