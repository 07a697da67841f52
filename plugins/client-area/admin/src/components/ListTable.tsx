import type { ReactNode } from 'react';
import { Box, Table, Tbody, Th, Thead, Tr, Typography } from '@strapi/design-system';

/**
 * A list as every plugin page shows one: the failure in words if it failed, `none` if it is
 * empty, else a table with these column heads that scrolls sideways on a narrow screen.
 */
export function ListTable<Row>({ heads, rows, error, none, rowKey, cells }: { heads: string[]; rows: Row[] | null; error?: string | null; none: string; rowKey: (row: Row) => string | number; cells: (row: Row) => ReactNode }) {
  if (error) return <Typography textColor="danger600" role="alert">{error}</Typography>;
  if (!rows) return null;
  if (rows.length === 0) return <Typography>{none}</Typography>;
  return (
    <Box overflow="auto">
      <Table colCount={heads.length} rowCount={rows.length + 1}>
        <Thead>
          <Tr>
            {heads.map((head) => (
              <Th key={head}>
                <Typography variant="sigma">{head}</Typography>
              </Th>
            ))}
          </Tr>
        </Thead>
        <Tbody>
          {rows.map((row) => (
            <Tr key={rowKey(row)}>{cells(row)}</Tr>
          ))}
        </Tbody>
      </Table>
    </Box>
  );
}
