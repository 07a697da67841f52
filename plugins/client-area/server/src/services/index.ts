import sections from './sections';
import health from './health';

export default { sections, health };
