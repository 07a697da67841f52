import type { SectionInfo } from '../../shared/customer-api';
import { useAnswer } from './useAnswer';

/** The portal's page of each section it has one for, by section name; any other section gets a placeholder page. */
export const SECTION_PAGES = ['tickets', 'products', 'contacts', 'billing', 'orders', 'profile'] as const;

/** The sections customers may be given, with their labels (the registry's, so another plugin's sections are named too). */
export function useSectionLabels() {
  const { data } = useAnswer<{ data: SectionInfo[] }>('/client-area/sections');
  const sections = data?.data ?? [];
  return {
    sections,
    label: (name: string) => sections.find((s) => s.name === name)?.label ?? name.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()),
  };
}
