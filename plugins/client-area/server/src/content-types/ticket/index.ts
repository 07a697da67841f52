import schema from './schema';

/** Every ticket has a `lastMessageAt` (the lists sort and page on it), whoever writes it. */
const lifecycles = {
  beforeCreate(event: { params: { data: Record<string, unknown> } }) {
    event.params.data.lastMessageAt ??= new Date();
  },
  beforeUpdate(event: { params: { data: Record<string, unknown> } }) {
    if ('lastMessageAt' in event.params.data && event.params.data.lastMessageAt == null) delete event.params.data.lastMessageAt;
  },
};

export default { schema, lifecycles };
