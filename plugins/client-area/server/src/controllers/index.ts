import health from './health';
import sections from './sections';
import me from './me';
import clients from './clients';
import session from './session';
import contacts from './contacts';
import members from './members';
import products from './products';
import audit from './audit';
import roles from './roles';
import portfolio from './portfolio';
import invitations from './invitations';
import tickets from './tickets';
import mailings from './mailings';
import outbox from './outbox';
import visibility from './visibility';

export default { health, sections, me, clients, session, contacts, members, products, audit, roles, portfolio, invitations, tickets, mailings, outbox, visibility };
