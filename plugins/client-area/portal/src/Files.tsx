import { useId } from 'react';
import { Box, Flex, TextButton, Typography } from '@strapi/design-system';

/** Files to attach: chosen with the browser's own picker (keyboard and screen readers know it), listed, each removable. */
export function Files({ files, onChange }: { files: File[]; onChange: (files: File[]) => void }) {
  const id = useId();
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <label htmlFor={id}>
        <Typography variant="pi" fontWeight="bold">
          Attach files
        </Typography>
      </label>
      <input
        id={id}
        type="file"
        multiple
        onChange={(e) => {
          onChange([...files, ...Array.from(e.target.files ?? [])]);
          e.target.value = '';
        }}
      />
      {files.length ? (
        <Flex tag="ul" direction="column" alignItems="stretch" gap={1} aria-label="Files to attach">
          {files.map((file, i) => (
            <Box tag="li" key={`${file.name}-${i}`} style={{ listStyle: 'none' }}>
              <Flex gap={3}>
                <Typography>{`${file.name} (${Math.max(1, Math.round(file.size / 1024))} KB)`}</Typography>
                <TextButton onClick={() => onChange(files.filter((_, j) => j !== i))}>{`Remove ${file.name}`}</TextButton>
              </Flex>
            </Box>
          ))}
        </Flex>
      ) : null}
    </Flex>
  );
}
