import { Button, Checkbox, Flex, Typography } from '@strapi/design-system';
import type { ClientDetail, ProductEntry } from '../../../shared/customer-api';
import { call } from '../api';
import { Card, Empty, Failure, ItemCard, Loading, Notice, Tag } from '../components';
import { useAction, useAnswer } from '../useAnswer';
import { inPlainNames } from '../words';

/** Who manages a product, in words. */
const managedBy = (product: ProductEntry) => (product.ownedByYou ? 'Under your management' : product.owner ? `Managed by ${product.ownerLogin ?? 'another member'}` : "Not under anyone's management");

/**
 * One product: who manages it, the caller's sections on it, taking it under its
 * management or releasing it (rule 7), and, for whoever manages members, who sees it —
 * each change offered only where the engine allows it, a locked one with its reason.
 */
function ProductCard({ product, client, label, names, reload }: { product: ProductEntry; client: ClientDetail; label: (name: string) => string; names: Map<string, string>; reload: () => void }) {
  const { busy, error, done, act } = useAction(reload);
  const base = `/client-area/clients/${client.documentId}/products/${product.documentId}`;
  const sections = client.products.find((p) => p.documentId === product.documentId)?.sections ?? [];
  const why = (reason: string) => inPlainNames(reason, names);
  // The master may always take a product; one already its own needs no button.
  const mayTake = product.can.take.allowed && !product.ownedByYou;
  return (
    <ItemCard
      label={product.name}
      head={
        <>
          <Typography fontWeight="bold" tag="h3">
            {product.name}
          </Typography>
          <Tag tone={product.status === 'active' ? 'success' : 'neutral'}>{product.status}</Tag>
        </>
      }
    >
      <Typography variant="pi" textColor="neutral600">
        {product.productType ? `${product.productType} · ` : ''}
        {managedBy(product)}
        {sections.length ? ` · Your sections: ${sections.map(label).join(', ')}` : ''}
      </Typography>
      {mayTake || product.can.release.allowed ? (
        <Flex gap={2} wrap="wrap">
          {mayTake ? (
            <Button size="S" variant="secondary" disabled={busy} onClick={() => void act(() => call(`${base}/take`, { method: 'POST' }), `${product.name} is under your management.`)}>
              Put under my management
            </Button>
          ) : null}
          {product.can.release.allowed ? (
            <Button size="S" variant="tertiary" disabled={busy} onClick={() => void act(() => call(`${base}/release`, { method: 'POST' }), `${product.name} is released: nobody manages it now.`)}>
              Release
            </Button>
          ) : null}
        </Flex>
      ) : product.owner && !product.ownedByYou ? (
        <Typography variant="pi" textColor="neutral700">
          Only {product.ownerLogin ?? 'its manager'} or the master account sets who may do what on it; to take it over, ask them to release it first.
        </Typography>
      ) : null}
      {product.distribution.length ? (
        <Flex direction="column" alignItems="stretch" gap={2} role="group" aria-label={`Who sees ${product.name}`}>
          <Typography variant="sigma" textColor="neutral600">
            Who sees it
          </Typography>
          <Flex gap={5} wrap="wrap">
            {product.distribution.map((entry) => (
              <Flex key={entry.member} direction="column" alignItems="flex-start" gap={1}>
                <Checkbox
                  checked={entry.distributed}
                  disabled={busy || !entry.can.allowed}
                  onCheckedChange={(on: boolean | 'indeterminate') =>
                    void act(
                      () => call(`${base}/${on === true ? 'distribute' : 'undistribute'}`, { method: 'POST', body: { member: entry.member } }),
                      on === true ? `${entry.login} now sees ${product.name}.` : `${entry.login} no longer sees ${product.name}.`,
                    )
                  }
                >
                  {entry.login}
                </Checkbox>
                {entry.can.allowed ? null : (
                  <Typography variant="pi" textColor="neutral600">
                    Locked: {why(entry.can.reason)}
                  </Typography>
                )}
              </Flex>
            ))}
          </Flex>
        </Flex>
      ) : null}
      <Failure error={error} names={names} />
      {done ? <Notice>{done}</Notice> : null}
    </ItemCard>
  );
}

/** The Products section: every product the person may view at the client (rule 4), with what it may do with each (rule 7). */
export function Products({ client, label }: { client: ClientDetail; label: (name: string) => string }) {
  const answer = useAnswer<{ data: ProductEntry[] }>(`/client-area/clients/${client.documentId}/products`);
  const products = answer.data?.data;
  const names = new Map<string, string>([[client.documentId, client.name]]);
  for (const product of products ?? []) {
    names.set(product.documentId, product.name);
    for (const entry of product.distribution) names.set(entry.member, entry.login);
    if (product.owner && product.ownerLogin) names.set(product.owner, product.ownerLogin);
  }
  return (
    <Card title="Products">
      <Failure error={answer.error} />
      {answer.loading && !products ? <Loading /> : null}
      {products && products.length === 0 ? <Empty>No product of this client is visible to you: your access here is client-wide only, or none of its products is shared with you.</Empty> : null}
      <Flex tag="ul" direction="column" alignItems="stretch" gap={3}>
        {(products ?? []).map((product) => (
          <ProductCard key={product.documentId} product={product} client={client} label={label} names={names} reload={answer.reload} />
        ))}
      </Flex>
    </Card>
  );
}
