import schema from './schema';
import { keyLifecycles } from '../keys';

export default { schema, lifecycles: keyLifecycles.contact };
