import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { canPayInvoice, type AccessFacts } from '../access';
import { forbidden } from '../errors';
import { PaymentRegistry, type PaymentProvider, type PaymentStart } from '../payments/registry';

const INVOICE = 'plugin::client-area.invoice' as any;

/**
 * The public way to add a way to pay:
 *   strapi.plugin('client-area').service('payments').register({ name: 'card', label: 'Card', origin: 'my-plugin', start: async ({ invoice }) => ({ redirectUrl }) })
 * The plugin registers `bank-transfer` itself: it records on the invoice that the
 * customer pays by transfer or on account (audited, shown to staff), and answers how.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const registry = new PaymentRegistry();
  const money = (amount: number, currency: string) => {
    try {
      return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(amount);
    } catch {
      return `${amount} ${currency}`;
    }
  };

  registry.register({
    name: 'bank-transfer',
    label: 'Bank transfer or on account',
    description: 'Pay by bank transfer with the invoice number as the reference; we mark the invoice paid when the money arrives.',
    origin: 'client-area',
    async start({ invoice, client, payerIdentityId }) {
      await strapi.db.transaction(async () => {
        await strapi.db.query(INVOICE).update({ where: { id: invoice.id }, data: { paymentRequestedAt: new Date(), paymentProvider: 'bank-transfer', paymentRequestedBy: payerIdentityId } });
        await strapi.plugin('client-area').service('audit').record({
          action: 'invoice.payment-requested',
          clientId: client.id,
          subjectType: 'invoice',
          subjectId: invoice.id,
          details: { number: invoice.number, provider: 'bank-transfer' },
          actorIdentityId: payerIdentityId,
        });
      });
      const due = invoice.dueOn ? ` by ${invoice.dueOn}` : '';
      return {
        instructions: `Transfer ${money(invoice.total, invoice.currency)}${due} to the account on the invoice, with ${invoice.number} as the reference. We mark the invoice paid when the money arrives; nothing is charged here.`,
      };
    },
  });

  /** The unpaid invoice a payer may pay, or the refusal: 404 not the client's, 403 not all the caller's to see, 400 not unpaid. */
  const payable = async (facts: AccessFacts | null, clientId: number, documentId: string) => {
    const invoice = await strapi.db.query(INVOICE).findOne({
      where: { documentId, client: { id: clientId }, invoiceStatus: { $ne: 'draft' } },
      populate: { lines: { populate: { product: { select: ['id'] } } } },
    });
    if (!invoice) throw new errors.NotFoundError('Invoice not found');
    if (facts) {
      const decision = canPayInvoice(facts, { clientId, lineProductIds: (invoice.lines ?? []).map((l: any) => l.product?.id ?? null) });
      if (!decision.allowed) throw forbidden(decision.reason, { section: 'billing' });
    }
    return invoice;
  };

  return {
    register: (provider: Parameters<PaymentRegistry['register']>[0]) => registry.register(provider),
    list: (): PaymentProvider[] => registry.list(),

    /** The ways to pay an invoice and whether the caller may (`facts` null: staff). */
    async options(facts: AccessFacts | null, clientId: number, documentId: string) {
      const invoice = await payable(facts, clientId, documentId);
      return {
        payable: invoice.invoiceStatus === 'unpaid',
        requested: invoice.paymentRequestedAt ? { at: invoice.paymentRequestedAt, provider: invoice.paymentProvider ?? null } : null,
        providers: registry.list().map((p) => ({ name: p.name, label: p.label, description: p.description })),
      };
    },

    /** Starts paying with one provider: only an unpaid invoice whose every line the caller sees. */
    async start(facts: AccessFacts | null, client: { id: number; name: string }, documentId: string, providerName: string, payerIdentityId: number | null): Promise<PaymentStart> {
      const provider = registry.get(providerName);
      if (!provider) throw new errors.ValidationError(`provider: no way to pay called "${providerName}" (see …/payment-options)`);
      const invoice = await payable(facts, client.id, documentId);
      if (invoice.invoiceStatus !== 'unpaid') throw new errors.ValidationError(`Invoice ${invoice.number} is ${invoice.invoiceStatus}: only an unpaid invoice is paid`);
      return provider.start({
        invoice: { id: invoice.id, documentId: invoice.documentId, number: invoice.number, currency: invoice.currency ?? 'EUR', total: Number(invoice.total ?? 0), dueOn: invoice.dueOn ?? null },
        client,
        payerIdentityId,
      });
    },
  };
};
