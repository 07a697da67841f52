/**
 * A deliberately naive reference model of DESIGN rules 1-11, written from the rules and
 * not from the engine: access is the least fixpoint of "a member holds a tuple when its
 * own grants cover it and its parent holds it", computed by brute force over every
 * (membership, section, product) tuple of the world. Shares no code with the engine.
 */
import { MODEL_SECTIONS, type MembershipRow, type WorldState } from './world-state';

/** `null` stands for the client's records tied to no product. */
export type Target = number | null;

const tuple = (membership: number, section: string, target: Target) => `${membership}|${section}|${target ?? '-'}`;

function targetsOf(state: WorldState, client: number, productScoped: boolean): Target[] {
  return [null, ...(productScoped ? state.products.filter((p) => p.client === client).map((p) => p.id) : [])];
}

function ownGrants(state: WorldState, m: MembershipRow) {
  return m.role === null ? m.grants : state.roles.find((r) => r.id === m.role)!.grants;
}

function ownGrantsCover(state: WorldState, m: MembershipRow, section: string, target: Target): boolean {
  const grants = ownGrants(state, m);
  const clientWide = grants.some((g) => g.section === section && g.product === null);
  if (target === null) return clientWide;
  const product = state.products.find((p) => p.id === target)!;
  // Distribution or ownership shows a product (its `products` view); other sections need a grant.
  const sees = product.owner === m.id || product.distributedTo.includes(m.id);
  return clientWide || grants.some((g) => g.section === section && g.product === target) || (section === 'products' && sees);
}

/** Every tuple (membership, section, target) the membership holds through its grants and parents. */
export class ModelAccess {
  private readonly held = new Set<string>();

  constructor(private readonly state: WorldState) {
    for (const m of state.memberships) {
      if (m.kind !== 'master' || m.status !== 'active') continue;
      for (const s of MODEL_SECTIONS) for (const t of targetsOf(state, m.client, s.productScoped)) this.held.add(tuple(m.id, s.name, t));
    }
    let changed = true;
    while (changed) {
      changed = false;
      for (const m of state.memberships) {
        if (m.kind === 'master' || m.status !== 'active') continue;
        for (const s of MODEL_SECTIONS) {
          for (const t of targetsOf(state, m.client, s.productScoped)) {
            const key = tuple(m.id, s.name, t);
            if (this.held.has(key) || !ownGrantsCover(state, m, s.name, t)) continue;
            if (m.parent !== null && !this.held.has(tuple(m.parent, s.name, t))) continue;
            this.held.add(key);
            changed = true;
          }
        }
      }
    }
  }

  holds(membership: number, section: string, target: Target): boolean {
    return this.held.has(tuple(membership, section, target));
  }

  /** The membership's tuples as `section@target` strings, sorted. */
  tuplesOf(membership: number): string[] {
    return [...this.held]
      .filter((key) => key.startsWith(`${membership}|`))
      .map((key) => key.split('|').slice(1).join('@').replace(/@-$/, '@*'))
      .sort();
  }

  /** Rule 9 alone: whether a secondary logon of the identity reaches the section of the client. */
  byLogon(identity: number, section: string, client: number): boolean {
    const master = this.state.memberships.find((m) => m.client === client && m.kind === 'master');
    if (!master || master.status !== 'active') return false;
    const clientRow = this.state.clients.find((c) => c.id === client)!;
    return this.state.logons.some((l) => {
      if (l.logon !== identity || l.status !== 'active' || l.owner !== master.identity || !l.sections.includes(section)) return false;
      const assigned = this.state.groups.find((g) => g.id === clientRow.group);
      const group = assigned && assigned.owner === l.owner ? assigned : this.state.groups.find((g) => g.owner === l.owner && g.isDefault)!;
      return l.groups.includes(group.id);
    });
  }

  /** Whether the identity may act through its membership in the client: rule 2 and rule 6 standing. */
  acts(identity: number, client: number): MembershipRow | undefined {
    const m = this.state.memberships.find((x) => x.identity === identity && x.client === client);
    if (!m || (m.kind !== 'master' && !m.verified)) return undefined;
    for (let link: MembershipRow | undefined = m; link; link = link.kind === 'master' ? undefined : this.state.memberships.find((x) => x.id === link!.parent)) {
      if (link.status !== 'active') return undefined;
    }
    return m;
  }

  can(identity: number, section: string, client: number, target: Target): boolean {
    const s = MODEL_SECTIONS.find((x) => x.name === section)!;
    if (target !== null && (!s.productScoped || this.state.products.find((p) => p.id === target)!.client !== client)) return false;
    const m = this.acts(identity, client);
    return (m !== undefined && this.holds(m.id, section, target)) || this.byLogon(identity, section, client);
  }

  descendants(membership: number): number[] {
    const below = (id: number): number[] => this.state.memberships.filter((m) => m.parent === id).flatMap((m) => [m.id, ...below(m.id)]);
    return below(membership).sort((a, b) => a - b);
  }
}
