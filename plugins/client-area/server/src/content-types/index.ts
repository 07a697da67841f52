import client from './client';
import contact from './contact';
import membership from './membership';
import grant from './grant';
import accessRole from './access-role';
import product from './product';
import invoice from './invoice';
import invoiceLine from './invoice-line';
import securityGroup from './security-group';
import secondaryLogon from './secondary-logon';
import userCategory from './user-category';
import ticket from './ticket';
import ticketMessage from './ticket-message';
import auditEntry from './audit-entry';
import mailIntake from './mail-intake';
import mailOutbox from './mail-outbox';
import invitation from './invitation';
import catalogueItem from './catalogue-item';
import order from './order';

export default {
  'client': client,
  'contact': contact,
  'membership': membership,
  'grant': grant,
  'access-role': accessRole,
  'product': product,
  'invoice': invoice,
  'invoice-line': invoiceLine,
  'security-group': securityGroup,
  'secondary-logon': secondaryLogon,
  'user-category': userCategory,
  'ticket': ticket,
  'ticket-message': ticketMessage,
  'audit-entry': auditEntry,
  'mail-intake': mailIntake,
  'mail-outbox': mailOutbox,
  invitation,
  'catalogue-item': catalogueItem,
  order,
};
