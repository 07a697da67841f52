/**
 * The engine against an independent reference model (Cedar-style differential testing),
 * over thousands of random worlds built from logs of operations; and the engine against
 * itself: every way of asking must agree (SpiceDB-style).
 */
import fc from 'fast-check';
import {
  applyRole, can, canSeeInvoice, canSeeTicket, checkGrantChange, descendants, effectiveGrants, grantToggles, scopes, ticketFilter,
  type Grant, type TicketFact,
} from '..';
import { inScopes, matchesInvoiceScopes, matchesTicketFilter } from './queries';
import { contactIdOf, loadFacts } from './reference/loader';
import { ModelAccess, type Target } from './reference/model';
import { grantPicks, n, randomWorld } from './reference/random-worlds';
import { apply, MODEL_SECTIONS, type GrantPick, type MembershipRow, type WorldState } from './reference/world-state';

const NUM_RUNS = Number(process.env.ACCESS_NUM_RUNS ?? 250);

/** Makes a member a manager: it gave its password, holds `contacts` and made a new member. */
function delegate(state: WorldState, actor: MembershipRow, childGrants: GrantPick[]): void {
  actor.verified = true;
  if (actor.role === null && !actor.grants.some((g) => g.section === 'contacts' && g.product === null)) {
    actor.grants.push({ section: 'contacts', product: null });
  }
  const identity = Math.max(...state.identities) + 1;
  state.identities.push(identity);
  apply(state, { op: 'add-member', client: state.clients.findIndex((c) => c.id === actor.client), identity: state.identities.length - 1, parent: 0, grants: childGrants, verified: true });
  const child = state.memberships[state.memberships.length - 1];
  child.parent = actor.id;
}

const targetsOf = (state: WorldState): Target[] => [null, ...state.products.map((p) => p.id)];
const asText = (grants: Grant[]) => grants.map((g) => `${g.section}@${g.productId ?? '*'}`).sort();

describe('the engine agrees with the reference model', () => {
  it('can: every (identity, client, product, section) of random worlds, with minimal or full facts', () => {
    fc.assert(
      fc.property(randomWorld, fc.boolean(), (state, minimal) => {
        const model = new ModelAccess(state);
        const disagreements: string[] = [];
        for (const identity of state.identities) {
          const facts = loadFacts(state, identity, minimal);
          for (const { name: section } of MODEL_SECTIONS) {
            const listed = scopes(facts, section);
            for (const { id: client } of state.clients) {
              for (const target of targetsOf(state)) {
                const decision = can(facts, { section, clientId: client, productId: target });
                const at = `identity ${identity} ${section} client ${client} product ${target}`;
                if (decision.allowed !== model.can(identity, section, client, target)) disagreements.push(`${at}: engine says ${decision.reason}`);
                const product = state.products.find((p) => p.id === target);
                const listedHere = (target === null || product?.client === client) && inScopes(listed, client, target);
                if (listedHere !== decision.allowed) disagreements.push(`${at}: scopes ${listedHere}, can ${decision.allowed}`);
              }
            }
          }
        }
        expect(disagreements).toEqual([]);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('effectiveGrants and descendants: every membership of random worlds', () => {
    fc.assert(
      fc.property(randomWorld, (state) => {
        const model = new ModelAccess(state);
        const facts = loadFacts(state, state.identities[0], false);
        for (const m of state.memberships) {
          expect([m.id, asText(effectiveGrants(facts, m.id))]).toEqual([m.id, model.tuplesOf(m.id)]);
          expect([m.id, [...descendants(facts, m.id)].sort((a, b) => a - b)]).toEqual([m.id, model.descendants(m.id)]);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('tickets: canSeeTicket agrees with the model and with the list filter', () => {
    const ticketPick = fc.record({ client: n, product: fc.option(n), requester: fc.option(n), categories: fc.subarray([1, 2, 3]) });
    fc.assert(
      fc.property(randomWorld, fc.array(ticketPick, { minLength: 1, maxLength: 6 }), (state, picks) => {
        const model = new ModelAccess(state);
        for (const p of picks) {
          const client = state.clients[p.client % state.clients.length].id;
          const requester = p.requester === null ? undefined : state.memberships[p.requester % state.memberships.length];
          // A ticket's product is one of its client's: the shell enforces it on write.
          const products = state.products.filter((x) => x.client === client);
          const ticket: TicketFact = {
            clientId: client,
            productId: p.product === null || products.length === 0 ? null : products[p.product % products.length].id,
            requesterContactId: requester ? contactIdOf(requester.id) : 999999,
            requesterCategoryIds: p.categories,
          };
          for (const identity of state.identities) {
            const facts = loadFacts(state, identity, true);
            const byRequester = requester?.identity === identity && model.acts(identity, requester.client) !== undefined;
            const byGroup = state.memberships.some(
              (m) => m.identity === identity && m.groupRead !== null && p.categories.includes(m.groupRead) && model.acts(identity, m.client),
            );
            const expected = byRequester || byGroup || model.can(identity, 'tickets', client, ticket.productId);
            const decision = canSeeTicket(facts, ticket);
            expect([identity, ticket, decision.allowed]).toEqual([identity, ticket, expected]);
            expect([identity, ticket, matchesTicketFilter(ticketFilter(facts), ticket)]).toEqual([identity, ticket, expected]);
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('invoices agree with the reference model', () => {
  it('canSeeInvoice: each line by its product (rule 4), and the list filter built from the billing scopes', () => {
    const invoicePick = fc.record({ client: n, lines: fc.array(fc.option(n), { maxLength: 4 }) });
    fc.assert(
      fc.property(randomWorld, fc.array(invoicePick, { minLength: 1, maxLength: 6 }), (state, picks) => {
        const model = new ModelAccess(state);
        for (const p of picks) {
          const client = state.clients[p.client % state.clients.length].id;
          const products = state.products.filter((x) => x.client === client);
          const lineProductIds = p.lines.map((l) => (l === null || products.length === 0 ? null : products[l % products.length].id));
          for (const identity of state.identities) {
            const facts = loadFacts(state, identity, true);
            const lines = lineProductIds.map((product) => model.can(identity, 'billing', client, product));
            const expected = lineProductIds.length === 0 ? model.can(identity, 'billing', client, null) : lines.some(Boolean);
            const decision = canSeeInvoice(facts, { clientId: client, lineProductIds });
            expect([identity, lineProductIds, decision.allowed, decision.lines]).toEqual([identity, lineProductIds, expected, lines]);
            expect([identity, lineProductIds, matchesInvoiceScopes(scopes(facts, 'billing'), { clientId: client, lineProductIds })]).toEqual([identity, lineProductIds, expected]);
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('invariants over random worlds', () => {
  it('nothing is ever granted above a ceiling: an accepted change adds only what the actor holds', () => {
    let accepted = 0;
    let aboveCeiling = 0;
    fc.assert(
      fc.property(randomWorld, n, n, grantPicks, grantPicks, fc.boolean(), (state, actorPick, targetPick, childGrants, picks, delegating) => {
        const subs = state.memberships.filter((m) => m.kind === 'sub-account');
        const actor = (subs.length > 0 ? subs : state.memberships)[actorPick % (subs.length || state.memberships.length)];
        if (delegating) delegate(state, actor, childGrants);
        const model = new ModelAccess(state);
        // Members below the actor thrice over, so that the ceiling is what decides often.
        const below = model.descendants(actor.id).map((id) => state.memberships.find((m) => m.id === id)!);
        const inClient = [...below, ...below, ...below, ...state.memberships.filter((m) => m.client === actor.client)];
        const target = inClient[targetPick % inClient.length];
        const facts = loadFacts(state, actor.identity, false);
        const current = facts.memberships.find((m) => m.id === target.id)!.grants;
        const clientProducts = state.products.filter((p) => p.client === actor.client);
        // A third of the new grants copied from the actor's own, which its parents may narrow.
        const own = actor.role === null ? actor.grants : state.roles.find((r) => r.id === actor.role)!.grants;
        const grants: Grant[] = picks.map((g, i) => {
          if (i % 3 === 0 && own.length > 0) {
            const copied = own[g.section % own.length];
            return { section: copied.section, productId: copied.product };
          }
          const section = MODEL_SECTIONS[g.section % MODEL_SECTIONS.length];
          const product = section.productScoped && g.product !== null && clientProducts.length > 0 ? clientProducts[g.product % clientProducts.length].id : null;
          return { section: section.name, productId: product };
        });
        const decision = checkGrantChange(facts, { actor: { kind: 'membership', membershipId: actor.id }, targetMembershipId: target.id, newGrants: grants });
        const added = grants.filter((g) => !current.some((c) => c.section === g.section && c.productId === g.productId));
        if (decision.allowed && actor.kind === 'sub-account') {
          accepted++;
          for (const g of added) expect([g, model.holds(actor.id, g.section, g.productId)]).toEqual([g, true]);
          expect(model.acts(actor.identity, actor.client)).toBeDefined();
          expect(model.holds(actor.id, 'contacts', null)).toBe(true);
          expect(model.descendants(actor.id)).toContain(target.id);
        }
        if (decision.grant) {
          aboveCeiling++;
          expect(model.holds(actor.id, decision.grant.section, decision.grant.productId)).toBe(false);
        }
      }),
      { numRuns: NUM_RUNS * 4 },
    );
    // Both outcomes must actually occur (about 1 run in 20 each), or the property proves nothing.
    expect({ accepted: accepted >= NUM_RUNS / 30, aboveCeiling: aboveCeiling >= NUM_RUNS / 30 }).toEqual({ accepted: true, aboveCeiling: true });
  });

  it("the matrix's boxes: each is locked or open as its one change would be decided, and an open box the member lacks is one the actor holds", () => {
    let open = 0;
    let locked = 0;
    fc.assert(
      fc.property(randomWorld, n, n, grantPicks, fc.boolean(), (state, actorPick, targetPick, childGrants, delegating) => {
        const actor = state.memberships[actorPick % state.memberships.length];
        if (delegating) delegate(state, actor, childGrants);
        const model = new ModelAccess(state);
        const inClient = state.memberships.filter((m) => m.client === actor.client);
        const target = inClient[targetPick % inClient.length];
        const facts = loadFacts(state, actor.identity, false);
        const current = facts.memberships.find((m) => m.id === target.id)!.grants;
        const boxes: Grant[] = MODEL_SECTIONS.flatMap((section) => [
          { section: section.name, productId: null },
          ...(section.productScoped ? state.products.filter((p) => p.client === actor.client).map((p) => ({ section: section.name, productId: p.id })) : []),
        ]);
        const actorRef = { kind: 'membership', membershipId: actor.id } as const;
        const decisions = grantToggles(facts, { actor: actorRef, targetMembershipId: target.id, boxes });
        boxes.forEach((box, i) => {
          const held = current.some((g) => g.section === box.section && g.productId === box.productId);
          const newGrants = held ? current.filter((g) => g.section !== box.section || g.productId !== box.productId) : [...current, box];
          expect([box, decisions[i]]).toEqual([box, checkGrantChange(facts, { actor: actorRef, targetMembershipId: target.id, newGrants })]);
          if (!decisions[i].allowed) locked++;
          else if (!held && actor.kind === 'sub-account') {
            open++;
            expect([box, model.holds(actor.id, box.section, box.productId)]).toEqual([box, true]);
          }
        });
      }),
      { numRuns: NUM_RUNS },
    );
    expect({ open: open > 0, locked: locked > 0 }).toEqual({ open: true, locked: true });
  });

  it('nothing is ever granted above a ceiling: no membership holds what a membership above it lacks', () => {
    fc.assert(
      fc.property(randomWorld, (state) => {
        const facts = loadFacts(state, state.identities[0], false);
        for (const m of state.memberships) {
          if (m.parent === null || m.kind === 'master') continue;
          const parent = state.memberships.find((x) => x.id === m.parent)!;
          const above = new Set(asText(effectiveGrants(facts, parent.id)));
          const beyond = asText(effectiveGrants(facts, m.id)).filter((g) => !above.has(g));
          expect([m.id, beyond]).toEqual([m.id, []]);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('nothing is ever granted above a ceiling: a role applied by an actor stays within its effective grants', () => {
    fc.assert(
      fc.property(randomWorld, n, grantPicks, (state, actorPick, picks) => {
        const actor = state.memberships[actorPick % state.memberships.length];
        const facts = loadFacts(state, actor.identity, false);
        const ceiling = effectiveGrants(facts, actor.id);
        const products = state.products.filter((p) => p.client === actor.client);
        const role: Grant[] = picks.map((g) => ({
          section: MODEL_SECTIONS[g.section % MODEL_SECTIONS.length].name,
          productId: g.product === null || products.length === 0 ? null : products[g.product % products.length].id,
        }));
        const held = new Set(asText(ceiling));
        const applied = asText(applyRole(role, ceiling));
        expect(applied.filter((g) => !held.has(g))).toEqual([]);
        expect(asText(role).filter((g) => held.has(g) && !applied.includes(g))).toEqual([]);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('every descendant of a suspended or removed member is denied', () => {
    let checked = 0;
    fc.assert(
      fc.property(randomWorld, (state) => {
        const model = new ModelAccess(state);
        for (const stopped of state.memberships.filter((m) => m.status !== 'active')) {
          for (const id of [stopped.id, ...model.descendants(stopped.id)]) {
            const d = state.memberships.find((m) => m.id === id)!;
            const facts = loadFacts(state, d.identity, true);
            expect([id, effectiveGrants(loadFacts(state, d.identity, false), id)]).toEqual([id, []]);
            for (const { name: section } of MODEL_SECTIONS) {
              for (const target of targetsOf(state)) {
                checked++;
                // Only a secondary logon of the same identity may still open the client.
                const allowed = can(facts, { section, clientId: d.client, productId: target }).allowed;
                const product = state.products.find((p) => p.id === target);
                const validTarget = target === null || (product?.client === d.client && MODEL_SECTIONS.find((s) => s.name === section)!.productScoped);
                expect([id, section, target, allowed]).toEqual([id, section, target, validTarget && model.byLogon(d.identity, section, d.client)]);
              }
            }
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
    expect(checked).toBeGreaterThan(0);
  });
});
