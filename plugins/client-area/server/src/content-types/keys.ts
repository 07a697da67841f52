import { derivedKeyLifecycles, relatedId } from './derived-keys';
import { ca } from './options';

const lower = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim().toLowerCase() : null);
const joinKey = (...parts: Array<string | number | null>) => (parts.some((part) => part === null) ? null : parts.join(':'));

/** The key column of every uniqueness rule that spans relations. */
export const keyLifecycles = {
  contact: derivedKeyLifecycles(ca('contact'), {
    relations: ['client'],
    keys: {
      emailKey: (row) => joinKey(relatedId(row.client), lower(row.email)),
      emailNormalized: (row) => lower(row.email),
    },
    conflict: 'This client already has a contact with this email address',
  }),
  membership: derivedKeyLifecycles(ca('membership'), {
    relations: ['client', 'identity', 'parent'],
    keys: {
      // A removed membership frees its key: the person can be made a member again (a new row; the old one keeps its history).
      memberKey: (row) => (row.membershipStatus === 'removed' ? null : joinKey(relatedId(row.client), relatedId(row.identity))),
      masterKey: (row) => (row.kind === 'master' && relatedId(row.client) !== null ? String(relatedId(row.client)) : null),
      parentKey: (row) => (relatedId(row.parent) === null ? null : String(relatedId(row.parent))),
    },
    conflict: 'This identity already has a membership in this client, or the client already has a master account',
  }),
  grant: derivedKeyLifecycles(ca('grant'), {
    relations: ['membership', 'accessRole', 'product'],
    keys: {
      scopeKey: (row) => {
        const holder = relatedId(row.membership) !== null ? `m${relatedId(row.membership)}` : relatedId(row.accessRole) !== null ? `r${relatedId(row.accessRole)}` : null;
        return joinKey(holder, row.section ?? null, relatedId(row.product) ?? '*');
      },
    },
    conflict: 'This grant is already held',
  }),
  accessRole: derivedKeyLifecycles(ca('access-role'), {
    relations: ['client'],
    keys: { nameKey: (row) => joinKey(relatedId(row.client) ?? 'global', lower(row.name)) },
    conflict: 'A role with this name already exists',
  }),
  securityGroup: derivedKeyLifecycles(ca('security-group'), {
    relations: ['owner'],
    keys: {
      nameKey: (row) => joinKey(relatedId(row.owner), lower(row.name)),
      defaultKey: (row) => (row.isDefault && relatedId(row.owner) !== null ? String(relatedId(row.owner)) : null),
    },
    conflict: 'This owner already has a security group with this name, or already has a Default group',
  }),
  secondaryLogon: derivedKeyLifecycles(ca('secondary-logon'), {
    relations: ['owner', 'logon'],
    keys: { pairKey: (row) => joinKey(relatedId(row.owner), relatedId(row.logon)) },
    conflict: 'This identity is already a secondary logon of this owner',
  }),
};
