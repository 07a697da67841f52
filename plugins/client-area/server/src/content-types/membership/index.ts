import schema from './schema';
import { keyLifecycles } from '../keys';
import { nameMemberships } from '../membership-labels';

const keys = keyLifecycles.membership;

/** After every write: the uniqueness keys, then the name the admin panel shows. */
export default {
  schema,
  lifecycles: {
    async afterCreate(event: any) {
      await keys.afterCreate(event);
      if (event.result?.id) await nameMemberships(strapi, { membershipId: event.result.id });
    },
    async afterUpdate(event: any) {
      await keys.afterUpdate(event);
      if (event.result?.id) await nameMemberships(strapi, { membershipId: event.result.id });
    },
  },
};
