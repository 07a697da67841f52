import { useCallback, useEffect, useState } from 'react';
import { Box, Button, Checkbox, Field, Flex, Grid, NumberInput, SingleSelect, SingleSelectOption, TextButton, TextInput, Toggle, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { describeFailure, useStaffPermissions } from '../permissions';
import { useAction, useFetched } from '../data';
import { useT, type MessageKey } from '../t';

interface Setting {
  path: string;
  value: unknown;
  default: unknown;
  isSet?: boolean;
  changed: boolean;
}

type Kind = 'text' | 'email' | 'number' | 'boolean' | 'secret' | 'seconds' | 'unknownSender' | 'sections';
interface Section {
  name: string;
  label: string;
  description: string;
}
const GROUPS: Array<{ title: MessageKey; help: MessageKey; fields: Array<[string, Kind]> }> = [
  { title: 'settings.sections', help: 'settings.sections.help', fields: [['hiddenSections', 'sections']] },
  { title: 'settings.staff', help: 'settings.staff.help', fields: [['staffAddress', 'email']] },
  { title: 'settings.outbox', help: 'settings.outbox.help', fields: [['outbox.maxAgeHours', 'number']] },
  { title: 'settings.intake', help: 'settings.intake.help', fields: [['intake.unknownSender', 'unknownSender'], ['intake.trustedAuthservId', 'text']] },
  {
    title: 'settings.imap',
    help: 'settings.imap.help',
    fields: [['imap.host', 'text'], ['imap.port', 'number'], ['imap.secure', 'boolean'], ['imap.user', 'text'], ['imap.password', 'secret'], ['imap.mailbox', 'text'], ['imap.pollIntervalMs', 'seconds']],
  },
];

const shown = (kind: Kind, value: unknown) => (kind === 'seconds' ? Number(value ?? 0) / 1000 : value);
const stored = (kind: Kind, value: unknown) => (kind === 'seconds' ? Math.round(Number(value) * 1000) : value);

/** Settings → Client Area: staff change what the app's configuration set, and can go back to it. */
const SettingsPage = () => {
  const { get, put } = useFetchClient();
  const staff = useStaffPermissions();
  const t = useT();
  const canManage = staff.can('settings', 'manage');
  const [settings, setSettings] = useState<Setting[] | null>(null);
  const [draft, setDraft] = useState<Record<string, unknown>>({});
  const [error, setError] = useState<string | null>(null);
  const { busy: saving, run } = useAction(t('settings.what'));
  const sections = useFetched<Section[]>('/client-area/sections', t('overview.sections').toLowerCase()).data ?? [];

  const load = useCallback(() => {
    get('/client-area/settings')
      .then(({ data }) => {
        setSettings((data as { data: Setting[] }).data);
        setDraft({});
      })
      .catch((e: unknown) => setError(describeFailure(t, e, t('settings.what'))));
  }, [get, t]);
  useEffect(load, [load]);

  const save = async (change: Record<string, unknown>) => {
    const saved = await run<Setting[]>(() => put('/client-area/settings', change), t('settings.saved'));
    if (!saved) return;
    setSettings(saved.answer);
    // What was saved leaves the draft; other unsaved edits stay.
    setDraft((current) => Object.fromEntries(Object.entries(current).filter(([path]) => !(path in change))));
  };

  if (!staff.can('settings')) return <Page.NoPermissions />;
  if (error) return <Page.Error content={error} />;
  if (!settings) return <Page.Loading />;
  const byPath = new Map(settings.map((s) => [s.path, s]));
  const valueOf = (path: string, kind: Kind) => (path in draft ? draft[path] : kind === 'secret' ? '' : shown(kind, byPath.get(path)?.value));
  const edit = (path: string, value: unknown) => setDraft((current) => ({ ...current, [path]: value }));
  const label = (path: string) => t(`settings.field.${path}` as MessageKey);

  const described = (kind: Kind, value: unknown) => {
    if (kind === 'boolean') return value ? t('common.yes') : t('common.no');
    if (kind === 'sections') {
      const hidden = new Set(value as string[]);
      return sections.filter((section) => !hidden.has(section.name)).map((section) => section.label).join(', ') || t('settings.sections.none');
    }
    return String(shown(kind, value) ?? '') || '—';
  };
  const resetButton = (path: string, setting: Setting) =>
    setting.changed && canManage ? (
      <Box paddingTop={1}>
        <TextButton onClick={() => save({ [path]: null })} disabled={saving}>
          {t('settings.reset', { name: label(path) })}
        </TextButton>
      </Box>
    ) : null;

  const input = (path: string, kind: Kind) => {
    const setting = byPath.get(path)!;
    const disabled = !canManage || saving;
    const value = valueOf(path, kind);
    const hint =
      kind === 'secret'
        ? setting.isSet
          ? t('settings.secret.set')
          : t('settings.secret.unset')
        : t('settings.default', { value: described(kind, setting.default) });
    if (kind === 'sections') {
      // Shown: every registered section; a ticked one is one customers see.
      const hidden = new Set(value as string[]);
      return (
        <Flex direction="column" alignItems="stretch" gap={2} role="group" aria-label={label(path)}>
          {sections.map((section) => (
            <Checkbox
              key={section.name}
              checked={!hidden.has(section.name)}
              disabled={disabled}
              onCheckedChange={(checked: boolean | 'indeterminate') => edit(path, checked === true ? [...hidden].filter((name) => name !== section.name) : [...hidden, section.name])}
            >
              {section.label} — {section.description}
            </Checkbox>
          ))}
          <Typography variant="pi" textColor="neutral600">{hint}</Typography>
          {resetButton(path, setting)}
        </Flex>
      );
    }
    return (
      <Field.Root name={path} hint={hint}>
        <Field.Label>{label(path)}</Field.Label>
        {kind === 'boolean' ? (
          <Toggle onLabel={t('common.yes')} offLabel={t('common.no')} checked={Boolean(value)} disabled={disabled} onChange={(e: React.ChangeEvent<HTMLInputElement>) => edit(path, e.target.checked)} />
        ) : kind === 'unknownSender' ? (
          <SingleSelect value={String(value)} disabled={disabled} onChange={(next: string | number) => edit(path, String(next))}>
            <SingleSelectOption value="triage">{t('settings.unknownSender.triage')}</SingleSelectOption>
            <SingleSelectOption value="reject">{t('settings.unknownSender.reject')}</SingleSelectOption>
          </SingleSelect>
        ) : kind === 'number' || kind === 'seconds' ? (
          <NumberInput value={value as number} disabled={disabled} onValueChange={(next: number | undefined) => edit(path, next)} />
        ) : (
          <TextInput type={kind === 'secret' ? 'password' : kind === 'email' ? 'email' : 'text'} value={String(value ?? '')} disabled={disabled} autoComplete="off" onChange={(e: React.ChangeEvent<HTMLInputElement>) => edit(path, e.target.value)} />
        )}
        <Field.Hint />
        {resetButton(path, setting)}
      </Field.Root>
    );
  };

  const changes = Object.fromEntries(
    Object.entries(draft)
      .map(([path, value]) => {
        const kind = GROUPS.flatMap((g) => g.fields).find(([p]) => p === path)![1];
        return [path, stored(kind, value)] as const;
      })
      // An emptied number or password field changes nothing (a password is kept; a number needs a value).
      .filter(([path, value]) => !(path === 'imap.password' && value === '') && !(typeof value === 'number' && Number.isNaN(value)) && value !== undefined),
  );

  return (
    <Page.Main>
      <Page.Title>{t('settings.title')}</Page.Title>
      <Layouts.Header
        title={t('settings.title')}
        subtitle={t('settings.subtitle')}
        primaryAction={
          canManage ? (
            <Button onClick={() => save(changes)} disabled={saving || Object.keys(changes).length === 0} loading={saving}>
              {t('settings.save')}
            </Button>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {GROUPS.map((group) => (
            <Box key={group.title} background="neutral0" padding={6} shadow="filterShadow" hasRadius tag="section" aria-label={t(group.title)}>
              <Typography variant="delta" tag="h2">{t(group.title)}</Typography>
              <Box paddingTop={1} paddingBottom={4}>
                <Typography variant="pi" textColor="neutral600">{t(group.help)}</Typography>
              </Box>
              <Grid.Root gap={5}>
                {group.fields.map(([path, kind]) => (
                  <Grid.Item key={path} col={kind === 'sections' ? 12 : 6} s={12} direction="column" alignItems="stretch">
                    {input(path, kind)}
                  </Grid.Item>
                ))}
              </Grid.Root>
            </Box>
          ))}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export { SettingsPage };
export default SettingsPage;
