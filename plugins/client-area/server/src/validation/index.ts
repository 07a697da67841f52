import { z } from 'zod';
import { errors } from '@strapi/utils';
import { DOCUMENT_ID } from '../lookup';

/**
 * Controllers parse request bodies with these schemas before any service sees
 * them. Unknown fields are refused (`strict`), so no body field can smuggle in a
 * grant, a parent, a status, a client or a master flag.
 */
export const parse = <T extends z.ZodTypeAny>(schema: T, input: unknown): z.infer<T> => {
  const result = schema.safeParse(input ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    throw new errors.ValidationError(`${where}${issue.message}`, { issues: result.error.issues.map((i) => ({ path: i.path, message: i.message })) });
  }
  return result.data;
};

export const forgotPassword = z.object({ email: z.string().trim().min(1).max(254).email() }).strict();

export const enterClient = z.object({ relationshipPassword: z.string().min(1).max(200) }).strict();

const documentId = z.string().regex(DOCUMENT_ID, 'must be a documentId');

export const grantList = z
  .object({
    grants: z
      .array(z.object({ section: z.string().min(1).max(64), product: documentId.nullable().optional() }).strict())
      .max(500),
  })
  .strict();

const emailPreferences = z
  .object({ general: z.boolean(), invoices: z.boolean(), support: z.boolean(), products: z.boolean() })
  .partial()
  .strict();

const contactFields = {
  firstName: z.string().trim().max(100).nullable(),
  lastName: z.string().trim().max(100).nullable(),
  email: z.string().trim().toLowerCase().email().max(254),
  phone: z.string().trim().max(40).nullable(),
  emailPreferences,
};

export const newContact = z
  .object({ ...contactFields, firstName: contactFields.firstName.optional(), lastName: contactFields.lastName.optional(), phone: contactFields.phone.optional(), emailPreferences: emailPreferences.optional() })
  .strict();

export const contactChanges = z.object(contactFields).partial().strict();

/** A person's own name and phone (GET/PUT /profile). */
export const profileChanges = z.object({ firstName: contactFields.firstName, lastName: contactFields.lastName, phone: contactFields.phone }).partial().strict();

/** What mail a person wants from one client. */
export const emailPreferenceChanges = emailPreferences;

export const activation = z
  .object({
    /** Username or email of an existing identity. */
    login: z.string().trim().min(1).max(254),
    grants: grantList.shape.grants.optional(),
  })
  .strict();

/** DELETE carries no body: `?takeOver=true` lets the master take over children and products. */
export const removal = z
  .object({ takeOver: z.enum(['true', 'false']).optional() })
  .strict()
  .transform((query) => ({ takeOver: query.takeOver === 'true' }));

export const distribution = z.object({ member: documentId }).strict();

export const roleInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    description: z.string().max(2000).nullable().optional(),
    grants: grantList.shape.grants,
  })
  .strict();

export const roleChanges = roleInput.partial().strict();

export const roleAssignment = z.object({ role: documentId }).strict();

export const securityGroupInput = z.object({ name: z.string().trim().min(1).max(100), description: z.string().max(2000).nullable().optional() }).strict();
export const securityGroupChanges = securityGroupInput.partial().strict();
export const groupClients = z.object({ clients: z.array(documentId).max(1000) }).strict();

const sectionNames = z.array(z.string().min(1).max(64)).max(50);
const newIdentity = z
  .object({ username: z.string().trim().min(3).max(100).refine((name) => !name.includes('@'), 'a username may not contain @'), email: z.string().trim().toLowerCase().email().max(254), password: z.string().min(10).max(200) })
  .strict();

export const secondaryLogonInput = z
  .object({
    login: z.string().trim().min(1).max(254).optional(),
    newIdentity: newIdentity.optional(),
    securityGroups: z.array(documentId).max(100),
    sections: sectionNames,
  })
  .strict()
  .refine((input) => Boolean(input.login) !== Boolean(input.newIdentity), { message: 'give either login (an existing account) or newIdentity' });

export const secondaryLogonChanges = z.object({ securityGroups: z.array(documentId).max(100), sections: sectionNames }).partial().strict();

export const invitation = z.object({ grants: grantList.shape.grants.optional() }).strict();

export const invitationToken = z.object({ token: z.string().min(20).max(200) }).strict();

export const acceptInvitation = z
  .object({ token: z.string().min(20).max(200), password: z.string().min(10, 'password: at least 10 characters').max(200) })
  .strict();

export const emailConfirmation = z.object({ token: z.string().min(20).max(200) }).strict();

/** `parent: null` puts the member directly under the master. */
export const reparenting = z.object({ parent: documentId.nullable() }).strict();

const messageBody = z.string().trim().min(1, 'body is empty').max(100_000);

export const newTicket = z
  .object({ subject: z.string().trim().min(1).max(300), body: messageBody, product: documentId.nullable().optional(), priority: z.enum(['low', 'normal', 'high', 'urgent']).optional() })
  .strict();

export const ticketReply = z.object({ body: messageBody }).strict();
export const staffReply = z.object({ body: messageBody, internal: z.boolean().optional() }).strict();

/** A list's page (1 to 10,000) and its size (at most 100), as query parameters. */
const paging = (pageSize = 25) => ({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(pageSize),
});

export const ticketQuery = z
  .object({
    view: z.enum(['all', 'mine', 'client', 'group-open', 'group-all', 'group-closed']).default('all'),
    client: documentId.optional(),
    status: z.enum(['open', 'answered', 'customer-reply', 'on-hold', 'closed']).optional(),
    ...paging(),
    /** Keyset pagination: the `meta.nextCursor` of the page before (then `page` is ignored). */
    cursor: z.string().max(200).optional(),
  })
  .strict()
  .refine((q) => (q.view === 'client') === Boolean(q.client), { message: 'view=client needs client=<documentId>, and only it' });

/** Staff's ticket queue: the customers' filters (any client's tickets), and theirs. */
export const staffTicketQuery = z
  .object({
    client: documentId.optional(),
    status: z.enum(['open', 'answered', 'customer-reply', 'on-hold', 'closed']).optional(),
    product: documentId.optional(),
    category: documentId.optional(),
    /** "me", "none" or a staff member's id. */
    assignee: z.union([z.enum(['me', 'none']), z.string().regex(/^\d{1,9}$/, 'must be me, none or a staff id')]).optional(),
    /** Tickets with no message for at least this many days. */
    waitingDays: z.coerce.number().int().min(1).max(3650).optional(),
    /** Words in the reference, subject, client's name or requester's name or email. */
    q: z.string().trim().max(200).optional(),
    ...paging(),
    cursor: z.string().max(200).optional(),
    /** Accepted for the customers' shape of the same list; staff see every ticket. */
    view: z.enum(['all', 'client']).optional(),
  })
  .strict();

export const ticketAssignment = z.object({ assignee: z.number().int().positive().max(2_147_483_647).nullable() }).strict();

export const categoryMail = z.object({ subject: z.string().trim().min(1).max(300), body: messageBody }).strict();

/** Staff's search of clients: by name, reference, a contact's email or a member's login. */
export const clientSearch = z
  .object({
    q: z.string().trim().max(200).default(''),
    ...paging(),
  })
  .strict();

/** Staff's search of the audit log; dates are days (from and to included) or instants. */
/** Paying an invoice: the way to pay, by name. */
export const payment = z.object({ provider: z.string().trim().min(1).max(64) }).strict();

/** A client's own audit log, for its master: only the page (its size is fixed). */
export const clientAuditQuery = z.object({ page: paging(50).page }).strict();

export const auditQuery = z
  .object({
    client: documentId.optional(),
    actor: z.string().trim().min(1).max(200).optional(),
    action: z.string().trim().min(1).max(64).regex(/^[a-z.-]+$/, 'must be an action name such as grants.changed, or its start (grants.)').optional(),
    from: z.string().date().or(z.string().datetime()).optional(),
    to: z.string().date().or(z.string().datetime()).optional(),
    ...paging(50),
  })
  .strict();

/** A client's invoices: by status (staff alone see drafts), paged. */
export const invoiceQuery = z
  .object({
    status: z.enum(['draft', 'unpaid', 'paid', 'cancelled', 'refunded']).optional(),
    ...paging(),
  })
  .strict();

export const pageQuery = z
  .object({
    ...paging(),
  })
  .strict();

/** Where staff put a held mail: as one contact, or as the sender in a client. */
export const triageAssignment = z
  .object({ contact: documentId.optional(), client: documentId.optional() })
  .strict()
  .refine((body) => Boolean(body.contact) !== Boolean(body.client), { message: 'give either contact or client' });

export const outboxQuery = z
  .object({
    status: z.enum(['pending', 'sending', 'sent', 'failed']).optional(),
    ...paging(),
  })
  .strict();

export const intakeQuery = z
  .object({
    outcome: z.enum(['pending', 'ticket-created', 'reply-added', 'triage', 'rejected', 'ignored', 'failed']).optional(),
    ...paging(),
  })
  .strict();

/** Placing an order: one catalogue item, how many, notes for staff, and whom the product is to be shown to. */
export const newOrder = z
  .object({
    item: documentId,
    quantity: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000').default(1),
    notes: z.string().trim().max(2000).optional(),
    distributeTo: z.array(documentId).max(200).default([]),
  })
  .strict();

/** Orders of a client, or staff's queue of every client's: by status, paged. */
export const orderQuery = z
  .object({
    status: z.enum(['pending', 'accepted', 'declined', 'cancelled']).optional(),
    ...paging(),
  })
  .strict();

/** Staff accept an order: the product's name (the item's by default) and whom it is shown to (the orderer's choice by default). */
export const orderAcceptance = z
  .object({ productName: z.string().trim().min(1).max(200).optional(), distributeTo: z.array(documentId).max(200).optional() })
  .strict();

/** Staff decline an order, saying why: the orderer reads it. */
export const orderDecline = z.object({ reason: z.string().trim().min(1, 'say why, for the orderer').max(2000) }).strict();

/** A client's company details (the profile section); an empty text clears a field. */
export const clientProfileChanges = z
  .object({
    address: z.string().trim().max(500).nullable(),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^([A-Z]{2})?$/, 'must be a two-letter country code such as DE or GB')
      .nullable(),
    vatNumber: z.string().trim().max(32).regex(/^[A-Za-z0-9 .-]*$/, 'may hold letters, digits, spaces, dots and dashes only').nullable(),
    phone: z.string().trim().max(40).regex(/^[0-9+()./ -]*$/, 'may hold digits, spaces and + ( ) . / - only').nullable(),
    website: z
      .string()
      .trim()
      .max(200)
      .regex(/^(https?:\/\/[^\s]+)?$/i, 'must be an address starting with https:// or http://')
      .nullable(),
  })
  .partial()
  .strict();
