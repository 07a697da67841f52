import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { findByDocumentId } from '../lookup';

/**
 * Mail staff send on purpose (rule 12): an invoice to every contact of its client
 * whose invoice preference is on, and a message to every contact of a user
 * category whose general preference is on. One mail per person, so no one sees
 * another's address; all through the outbox, in one transaction.
 */
const INVOICE = 'plugin::client-area.invoice' as any;
const CONTACT = 'plugin::client-area.contact' as any;
const CATEGORY = 'plugin::client-area.user-category' as any;

const money = (amount: unknown, currency: string) => `${Number(amount ?? 0).toFixed(2)} ${currency}`;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const outbox = () => strapi.plugin('client-area').service('outbox');
  const audit = (action: string, details: Record<string, unknown>, staffId: number, clientId: number | null = null) =>
    strapi.plugin('client-area').service('audit').record({ action, clientId, actorStaffId: staffId, subjectType: 'mailing', details });

  return {
    async sendInvoice(documentId: string, staffId: number) {
      const invoice = await findByDocumentId(strapi, INVOICE, documentId, 'Invoice not found', { populate: { client: { select: ['id', 'name'] }, lines: true } });
      if (!invoice.client) throw new errors.NotFoundError('Invoice not found');
      const contacts = await strapi.db.query(CONTACT).findMany({ where: { client: { id: invoice.client.id }, emailInvoices: true }, select: ['email', 'firstName'] });
      if (contacts.length === 0) throw new errors.ApplicationError('No contact of this client wants invoice mail');
      const lines = (invoice.lines ?? []).map((line: any) => `- ${line.description}: ${money(line.amount, invoice.currency)}`);
      await strapi.db.transaction(async () => {
        for (const contact of contacts) {
          await outbox().enqueue({
            kind: 'invoice',
            to: [contact.email],
            subject: `Invoice ${invoice.number} from your client area (${invoice.client.name})`,
            text: [`Hello${contact.firstName ? ` ${contact.firstName}` : ''},`, '', `Invoice ${invoice.number}, due ${invoice.dueOn ?? 'on receipt'}:`, ...lines, `Total: ${money(invoice.total, invoice.currency)}`].join('\n'),
            automatic: true,
          });
        }
        await audit('invoice.mailed', { invoice: invoice.number, recipients: contacts.length }, staffId, invoice.client.id);
      });
      return contacts.length;
    },

    /** Who a category mail goes to: each address once, of its contacts whose general preference is on. */
    async categoryRecipients(categoryId: number): Promise<string[]> {
      const contacts = await strapi.db.query(CONTACT).findMany({ where: { categories: { id: categoryId }, emailGeneral: true }, select: ['email'] });
      return [...new Set<string>(contacts.map((c: any) => c.email.toLowerCase()))].sort();
    },

    async mailCategory(documentId: string, { subject, body }: { subject: string; body: string }, staffId: number) {
      const category = await findByDocumentId(strapi, CATEGORY, documentId, 'User category not found', { select: ['id', 'name'] });
      const addresses = await this.categoryRecipients(category.id);
      if (addresses.length === 0) throw new errors.ApplicationError('Nobody in this category takes general mail');
      await strapi.db.transaction(async () => {
        for (const address of addresses) await outbox().enqueue({ kind: 'category-mail', to: [address], subject, text: body });
        await audit('category.mailed', { category: category.name, recipients: addresses.length, subject }, staffId);
      });
      return addresses.length;
    },
  };
};
