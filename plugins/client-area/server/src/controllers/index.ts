import health from './health';
import sections from './sections';

export default { health, sections };
