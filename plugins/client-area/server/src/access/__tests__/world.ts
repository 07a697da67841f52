/**
 * Small fixture builders for the access engine's unit tests: a world of clients,
 * memberships, products, groups and logons, and the facts one identity sees of it.
 */
import { BUILT_IN_SECTIONS } from '../../sections/registry';
import type {
  AccessFacts,
  ContactFact,
  Grant,
  MembershipFact,
  ProductFact,
  SecondaryLogonFact,
  SectionFact,
  SecurityGroupFact,
} from '../facts';

export const SECTIONS: SectionFact[] = BUILT_IN_SECTIONS.map(({ name, productScoped }) => ({ name, productScoped }));
export const PRODUCT_SCOPED = SECTIONS.filter((s) => s.productScoped).map((s) => s.name);

export const grant = (section: string, productId: number | null = null): Grant => ({ section, productId });

export interface Client {
  id: number;
  master: MembershipFact;
}

export interface SubAccountOptions {
  identity?: number;
  parent?: MembershipFact;
  grants?: Grant[];
  status?: MembershipFact['status'];
  passwordVerified?: boolean;
  roleId?: number;
}

export class World {
  private nextId = 1;
  readonly sections: SectionFact[] = [...SECTIONS];
  readonly memberships: MembershipFact[] = [];
  readonly products: ProductFact[] = [];
  readonly securityGroups: SecurityGroupFact[] = [];
  readonly secondaryLogons: SecondaryLogonFact[] = [];
  readonly contacts: Array<ContactFact & { identityId: number }> = [];

  private id(): number {
    return this.nextId++;
  }

  identity(): number {
    return this.id();
  }

  client(master: number = this.identity()): Client {
    const id = this.id();
    const membership: MembershipFact = {
      id: this.id(), clientId: id, identityId: master, kind: 'master', status: 'active',
      parentId: null, roleId: null, grants: [],
    };
    this.memberships.push(membership);
    return { id, master: membership };
  }

  /** A sub-account, by default made by the master, active, password given, no grants. */
  subAccount(client: Client, options: SubAccountOptions = {}): MembershipFact {
    const membership: MembershipFact = {
      id: this.id(),
      clientId: client.id,
      identityId: options.identity ?? this.identity(),
      kind: 'sub-account',
      status: options.status ?? 'active',
      parentId: (options.parent ?? client.master).id,
      roleId: options.roleId ?? null,
      grants: options.grants ?? [],
      passwordVerified: options.passwordVerified ?? true,
    };
    this.memberships.push(membership);
    return membership;
  }

  product(client: Client, options: { owner?: MembershipFact; distributedTo?: MembershipFact[] } = {}): number {
    const product: ProductFact = {
      id: this.id(),
      clientId: client.id,
      ownerMembershipId: options.owner?.id ?? null,
      distributedTo: (options.distributedTo ?? []).map((m) => m.id),
    };
    this.products.push(product);
    return product.id;
  }

  productFact(id: number): ProductFact {
    const product = this.products.find((p) => p.id === id);
    if (!product) throw new Error(`no product ${id} in this world`);
    return product;
  }

  distribute(productId: number, ...to: MembershipFact[]): void {
    this.productFact(productId).distributedTo.push(...to.map((m) => m.id));
  }

  defaultGroup(owner: number): SecurityGroupFact {
    const group = { id: this.id(), ownerIdentityId: owner, isDefault: true, clientIds: [] };
    this.securityGroups.push(group);
    return group;
  }

  group(owner: number, ...clients: Client[]): SecurityGroupFact {
    const group = { id: this.id(), ownerIdentityId: owner, isDefault: false, clientIds: clients.map((c) => c.id) };
    this.securityGroups.push(group);
    return group;
  }

  logon(owner: number, options: { groups: SecurityGroupFact[]; sections: string[]; logon?: number }): SecondaryLogonFact {
    const logon: SecondaryLogonFact = {
      id: this.id(),
      ownerIdentityId: owner,
      logonIdentityId: options.logon ?? this.identity(),
      status: 'active',
      securityGroupIds: options.groups.map((g) => g.id),
      sections: options.sections,
    };
    this.secondaryLogons.push(logon);
    return logon;
  }

  /** The contact record of a membership. */
  contact(membership: MembershipFact, groupReadCategoryId: number | null = null): ContactFact {
    const contact = { id: this.id(), clientId: membership.clientId, groupReadCategoryId, identityId: membership.identityId };
    this.contacts.push(contact);
    return contact;
  }

  /** Everything in this world, as the facts of one identity (or of a membership's identity). */
  factsOf(who: number | MembershipFact | SecondaryLogonFact): AccessFacts {
    const identityId = typeof who === 'number' ? who : 'logonIdentityId' in who ? who.logonIdentityId : who.identityId;
    return {
      identityId,
      memberships: this.memberships,
      products: this.products,
      sections: this.sections,
      securityGroups: this.securityGroups,
      secondaryLogons: this.secondaryLogons,
      contacts: this.contacts.filter((c) => c.identityId === identityId).map(({ identityId: _, ...contact }) => contact),
    };
  }
}

export const world = (): World => new World();
