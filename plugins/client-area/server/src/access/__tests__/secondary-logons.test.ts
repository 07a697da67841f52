import { can, scopes, sectionsIn } from '..';
import { world } from './world';

/** Erin, a reseller, master of Initech and Umbrella; Umbrella is in her "Premium" group. */
function reseller() {
  const w = world();
  const erin = w.identity();
  const initech = w.client(erin);
  const umbrella = w.client(erin);
  const mailRelay = w.product(umbrella);
  const defaultGroup = w.defaultGroup(erin);
  const premium = w.group(erin, umbrella);
  return { w, erin, initech, umbrella, mailRelay, defaultGroup, premium };
}

describe('rule 9: security groups and secondary logons', () => {
  it("a secondary logon reaches a client in its groups with its sections, on every product, with no relationship password", () => {
    const { w, erin, umbrella, mailRelay, premium } = reseller();
    const frank = w.logon(erin, { groups: [premium], sections: ['tickets', 'products'] });
    const facts = w.factsOf(frank);
    expect(can(facts, { section: 'tickets', clientId: umbrella.id, productId: mailRelay }).allowed).toBe(true);
    expect(sectionsIn(facts, umbrella.id)).toEqual(['products', 'tickets']);
    expect(scopes(facts, 'tickets')).toEqual([{ clientId: umbrella.id, clientWide: true, productIds: 'all' }]);
  });

  it('a secondary logon reaches only clients in its groups', () => {
    const { w, erin, initech, premium } = reseller();
    const frank = w.logon(erin, { groups: [premium], sections: ['tickets'] });
    expect(can(w.factsOf(frank), { section: 'tickets', clientId: initech.id })).toEqual({
      allowed: false,
      reason: `client ${initech.id} is not in the security groups of secondary logon ${frank.id}`,
    });
  });

  it('a secondary logon has only its sections', () => {
    const { w, erin, umbrella, premium } = reseller();
    const frank = w.logon(erin, { groups: [premium], sections: ['tickets'] });
    expect(can(w.factsOf(frank), { section: 'billing', clientId: umbrella.id })).toEqual({
      allowed: false,
      reason: `missing section "billing" on secondary logon ${frank.id}`,
    });
  });

  it('the Default group holds every client of the owner that no other group holds', () => {
    const { w, erin, initech, umbrella, defaultGroup } = reseller();
    const frank = w.logon(erin, { groups: [defaultGroup], sections: ['tickets'] });
    expect(can(w.factsOf(frank), { section: 'tickets', clientId: initech.id }).allowed).toBe(true);
    expect(can(w.factsOf(frank), { section: 'tickets', clientId: umbrella.id }).allowed).toBe(false);
  });

  it('a secondary logon loses access the moment the client leaves its groups', () => {
    const { w, erin, umbrella, premium } = reseller();
    const frank = w.logon(erin, { groups: [premium], sections: ['tickets'] });
    premium.clientIds = [];
    expect(can(w.factsOf(frank), { section: 'tickets', clientId: umbrella.id }).allowed).toBe(false);
  });

  it('a secondary logon loses access the moment its owner does', () => {
    const { w, erin, umbrella, premium } = reseller();
    const frank = w.logon(erin, { groups: [premium], sections: ['tickets'] });
    umbrella.master.status = 'suspended';
    expect(can(w.factsOf(frank), { section: 'tickets', clientId: umbrella.id }).reason).toBe(
      `the owner of secondary logon ${frank.id} is not the master of client ${umbrella.id}`,
    );
  });

  it('a secondary logon never reaches beyond its owner: no client its owner is only a sub-account of', () => {
    const { w, erin, premium } = reseller();
    const acme = w.client();
    w.subAccount(acme, { identity: erin, grants: [{ section: 'tickets', productId: null }] });
    premium.clientIds.push(acme.id);
    const frank = w.logon(erin, { groups: [premium], sections: ['tickets'] });
    expect(can(w.factsOf(frank), { section: 'tickets', clientId: acme.id }).allowed).toBe(false);
    expect(scopes(w.factsOf(frank), 'tickets').map((s) => s.clientId)).not.toContain(acme.id);
  });

  it('a cancelled secondary logon reaches nothing', () => {
    const { w, erin, umbrella, premium } = reseller();
    const frank = w.logon(erin, { groups: [premium], sections: ['tickets'] });
    frank.status = 'cancelled';
    expect(can(w.factsOf(frank), { section: 'tickets', clientId: umbrella.id })).toEqual({
      allowed: false,
      reason: `secondary logon ${frank.id} is cancelled`,
    });
    expect(scopes(w.factsOf(frank), 'tickets')).toEqual([]);
  });

  it("another owner's group, even listing the client, opens nothing", () => {
    const { w, erin, umbrella } = reseller();
    const mallory = w.identity();
    const foreign = w.group(mallory, umbrella);
    const frank = w.logon(erin, { groups: [foreign], sections: ['tickets'] });
    expect(can(w.factsOf(frank), { section: 'tickets', clientId: umbrella.id }).allowed).toBe(false);
  });

  it('a secondary logon adds to, and never narrows, what the logon identity holds as a member', () => {
    const { w, erin, umbrella, premium } = reseller();
    const frank = w.identity();
    w.subAccount(umbrella, { identity: frank, grants: [{ section: 'billing', productId: null }] });
    w.logon(erin, { logon: frank, groups: [premium], sections: ['tickets'] });
    expect(sectionsIn(w.factsOf(frank), umbrella.id)).toEqual(['billing', 'tickets']);
  });
});
