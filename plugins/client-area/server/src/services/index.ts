import sections from './sections';
import health from './health';
import memberships from './memberships';

export default { sections, health, memberships };
