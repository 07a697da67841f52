import health from './health';
import sections from './sections';
import me from './me';
import clients from './clients';
import session from './session';

export default { health, sections, me, clients, session };
