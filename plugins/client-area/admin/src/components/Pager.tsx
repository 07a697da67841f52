import { Button, Flex, Typography } from '@strapi/design-system';
import { useT } from '../t';

/** Previous and next page of a list, with where the reader is. Nothing for a single page. */
export function Pager({ page, pages, setPage }: { page: number; pages: number; setPage: (page: number) => void }) {
  const t = useT();
  if (pages <= 1) return null;
  return (
    <Flex gap={2} justifyContent="flex-end">
      <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
        {t('common.previous')}
      </Button>
      <Typography>{t('common.pageOf', { page, pages })}</Typography>
      <Button variant="tertiary" disabled={page >= pages} onClick={() => setPage(page + 1)}>
        {t('common.next')}
      </Button>
    </Flex>
  );
}
