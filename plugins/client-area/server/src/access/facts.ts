/**
 * The facts of one customer identity: everything the access engine needs to decide
 * one request, loaded by the Strapi shell in one go. The engine never loads more, so a
 * fact that is missing here is treated as absent and the decision fails closed.
 *
 * Treat facts as read-only values.
 */

export type MembershipKind = 'master' | 'sub-account';
export type MembershipStatus = 'active' | 'suspended' | 'removed';

/** A section, client-wide (`productId: null`) or scoped to one product of the client. */
export interface Grant {
  section: string;
  productId: number | null;
}

/** An identity in a client. */
export interface MembershipFact {
  id: number;
  clientId: number;
  identityId: number;
  kind: MembershipKind;
  status: MembershipStatus;
  /**
   * The membership that manages this one (rule 6). Null for the master, and for a
   * sub-account made by staff or imported (rule 16): it is bounded by its own grants only.
   */
  parentId: number | null;
  /** Its access role, or null for "Custom". */
  roleId: number | null;
  /** Its own grants; when it holds a role, the role's grants (the loader resolves them). */
  grants: Grant[];
  /**
   * The relationship password was given for this membership in the current session
   * (rule 2). Read only on the caller's own sub-account memberships.
   */
  passwordVerified?: boolean;
  /**
   * Who suspended it, when it is suspended: only that suspender, a membership above it,
   * the master or staff restore it (rule 6). `null`: not known (only master or staff).
   */
  suspendedBy?: { kind: 'staff' } | { kind: 'membership'; membershipId: number } | null;
  /** How a reason names it to a person (the login) and its public id; ids otherwise. */
  label?: string;
  ref?: string;
}

export interface ProductFact {
  id: number;
  clientId: number;
  /** The single member who sets other members' grants on it (rule 7). */
  ownerMembershipId: number | null;
  /** Membership ids it is made visible to (rule 7). */
  distributedTo: number[];
  /** Its public id, how a reason names it: never its name, which a refused member may not see (rule 4). */
  ref?: string;
}

/** How a reason names a client: by its public id (its name may be news to whoever reads a refusal). */
export interface ClientFact {
  id: number;
  ref: string;
}

/** A registered section; see `sections/registry.ts`. */
export interface SectionFact {
  name: string;
  productScoped: boolean;
}

/**
 * A portfolio owner's group of the clients it is master of (rule 9). Each owner has one
 * Default group (`isDefault`), a real group with its own id: it holds every client of the
 * owner that no other group of that owner lists, so its `clientIds` are not read.
 */
export interface SecurityGroupFact {
  id: number;
  ownerIdentityId: number;
  isDefault: boolean;
  clientIds: number[];
}

/** A secondary logon of a portfolio owner (rule 9). */
export interface SecondaryLogonFact {
  id: number;
  ownerIdentityId: number;
  logonIdentityId: number;
  /** `cancelled` also when its owner's login is cancelled (rule 9). */
  status: 'active' | 'cancelled';
  /** May include the owner's Default group. */
  securityGroupIds: number[];
  sections: string[];
}

/** A contact record linked to one of the identity's memberships (rules 10-11). */
export interface ContactFact {
  id: number;
  clientId: number;
  /** The user category this contact has group read access on. */
  groupReadCategoryId: number | null;
}

export interface AccessFacts {
  /** The customer identity asking. Staff decisions are made elsewhere. */
  identityId: number;
  /**
   * The identity's memberships, every membership on their parent chains, and the master
   * memberships of the owners of its secondary logons. For management decisions
   * (grant changes, removal, suspension, ownership) every membership of the client.
   */
  memberships: MembershipFact[];
  /** Every product of the clients of those memberships. */
  products: ProductFact[];
  sections: SectionFact[];
  /** The security groups of the owners of the identity's secondary logons. */
  securityGroups: SecurityGroupFact[];
  /** The secondary logons the identity is the logon of. */
  secondaryLogons: SecondaryLogonFact[];
  /** The identity's own contacts: those linked to its memberships. */
  contacts: ContactFact[];
  /** Names of the clients, for reasons a person reads. */
  clients?: ClientFact[];
}

/** Who asks for a management change: a staff user, or one of the caller's memberships. */
export type Actor = { kind: 'staff' } | { kind: 'membership'; membershipId: number };

/** What the engine needs to know of a ticket. */
export interface TicketFact {
  clientId: number;
  productId: number | null;
  requesterContactId: number;
  /** The user categories the requester is in. */
  requesterCategoryIds: number[];
}

/** An invoice as its visibility needs it: its client and the product of each of its lines (null: a line tied to no product). */
export interface InvoiceFact {
  clientId: number;
  lineProductIds: Array<number | null>;
}
