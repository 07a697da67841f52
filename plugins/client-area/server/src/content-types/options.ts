/** Shown in the content manager for staff, never editable in the content-type builder. */
export const pluginOptions = {
  'content-manager': { visible: true },
  'content-type-builder': { visible: false },
};

export const IDENTITY = 'plugin::users-permissions.user';
export const STAFF = 'admin::user';
export const ca = (name: string) => `plugin::client-area.${name}`;

/** A column computed from an entry's relations; see derived-keys.ts. */
export const derivedKey = () => ({ type: 'string', private: true, configurable: false, writable: false }) as const;

// Strapi's `string` is varchar(255) on PostgreSQL whatever maxLength says: anything
// that may be longer (mail subjects, Message-IDs, user agents) is `text`.
