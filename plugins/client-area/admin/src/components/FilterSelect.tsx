import { Box, Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';

const ANY = 'any';

/**
 * A list filter: a labelled select whose first option means "no filter" (''). The design
 * system's select shows its placeholder beside an empty value, so "no filter" is a value
 * of its own here.
 */
export function FilterSelect({ label, value, anyLabel, options, onChange, width = '220px' }: { label: string; value: string; anyLabel: string; options: Array<{ value: string; label: string }>; onChange: (value: string) => void; width?: string }) {
  return (
    <Box width={width}>
      <Field.Root name={label}>
        <Field.Label>{label}</Field.Label>
        <SingleSelect value={value || ANY} onChange={(next: string | number) => onChange(String(next) === ANY ? '' : String(next))}>
          <SingleSelectOption value={ANY}>{anyLabel}</SingleSelectOption>
          {options.map((option) => (
            <SingleSelectOption key={option.value} value={option.value}>
              {option.label}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
    </Box>
  );
}
