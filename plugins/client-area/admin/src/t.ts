import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { PLUGIN_ID } from './pluginId';
import en from './translations/en.json';

export type MessageKey = keyof typeof en;
type Values = Record<string, string | number | boolean | null | undefined | Date>;

/**
 * The plugin's words, looked up in the admin's own translations (`client-area.<key>`,
 * registered from translations/*.json) with the English text as the default. A key
 * missing from en.json does not compile.
 */
export function useT() {
  const { formatMessage } = useIntl();
  return useCallback((key: MessageKey, values?: Values) => formatMessage({ id: `${PLUGIN_ID}.${key}`, defaultMessage: en[key] }, values as any), [formatMessage]);
}

export type T = ReturnType<typeof useT>;
