/**
 * Random worlds for the property tests: an initial world and a random log of operations
 * applied to it (`world-state.ts`). Shared by the engine's differential test and the
 * consistency test that writes each world to a real database (tests/api/consistency.test.ts).
 */
import fc from 'fast-check';
import { apply, createWorld, type GrantPick, type InitialWorld, type Operation, type WorldState } from './world-state';

/** A pick among rows: resolved modulo the number of candidates when applied. */
export const n = fc.nat(30);
/** Sections by index; `contacts` (1) drawn more often, so that members manage others. */
export const grantPick: fc.Arbitrary<GrantPick> = fc.record({ section: fc.oneof(n, fc.constant(1)), product: fc.option(n, { freq: 2 }) });
export const grantPicks = fc.array(grantPick, { maxLength: 5 });
const mostly = (value: boolean) => fc.oneof({ arbitrary: fc.constant(value), weight: 4 }, { arbitrary: fc.constant(!value), weight: 1 });

export const operation: fc.Arbitrary<Operation> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('add-member' as const), client: n, identity: n, parent: n, grants: grantPicks, verified: mostly(true) }), weight: 12 },
  { arbitrary: fc.record({ op: fc.constant('grant' as const), member: n, grant: grantPick }), weight: 5 },
  { arbitrary: fc.record({ op: fc.constant('revoke' as const), member: n, grant: n }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('set-status' as const), member: n, status: fc.constantFrom('active' as const, 'suspended' as const, 'removed' as const) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('verify' as const), member: n, verified: fc.boolean() }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('reparent' as const), member: n, parent: n }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('create-role' as const), client: n, grants: grantPicks }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('change-role' as const), role: n, grants: grantPicks }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('assign-role' as const), member: n, role: n }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('distribute' as const), product: n, member: n }), weight: 5 },
  { arbitrary: fc.record({ op: fc.constant('undistribute' as const), product: n, member: n }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('set-owner' as const), product: n, member: fc.option(n) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('create-group' as const), owner: n }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('move-client' as const), client: n, group: fc.option(n) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('create-logon' as const), owner: n, logon: n, groups: fc.array(n, { maxLength: 3 }), sections: fc.array(n, { maxLength: 4 }) }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('set-logon' as const), logon: n, groups: fc.array(n, { maxLength: 3 }), sections: fc.array(n, { maxLength: 4 }) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('cancel-logon' as const), logon: n }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('transfer-master' as const), client: n, identity: n }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('set-group-read' as const), member: n, category: fc.option(fc.integer({ min: 1, max: 3 })) }), weight: 1 },
);

export const initialWorld: fc.Arbitrary<InitialWorld> = fc.record({
  identities: fc.integer({ min: 3, max: 7 }),
  clients: fc.array(fc.record({ master: n, products: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 3 }),
});

/** An initial world and the log of operations that evolves it. */
export interface WorldLog {
  initial: InitialWorld;
  log: Operation[];
}

export const worldLog = ({ maxOperations = 60 }: { maxOperations?: number } = {}): fc.Arbitrary<WorldLog> =>
  fc.record({ initial: initialWorld, log: fc.array(operation, { minLength: 1, maxLength: maxOperations, size: 'max' }) });

export function replay({ initial, log }: WorldLog): WorldState {
  const state = createWorld(initial);
  for (const o of log) apply(state, o);
  return state;
}

/** A random world: an initial one and a log of operations applied to it. */
export const randomWorld: fc.Arbitrary<WorldState> = worldLog().map(replay);
