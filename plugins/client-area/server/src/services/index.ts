import sections from './sections';
import health from './health';
import memberships from './memberships';
import accessFacts from './access-facts';
import audit from './audit';
import relationshipPasswords from './relationship-passwords';
import grants from './grants';
import members from './members';
import contacts from './contacts';
import roles from './roles';
import portfolio from './portfolio';
import legacyImport from './legacy-import';
import outbox from './outbox';
import invitations from './invitations';
import tickets from './tickets';
import mailings from './mailings';
import attachments from './attachments';
import mailIntake from './mail-intake';
import imapPoller from './imap-poller';
import passwordReset from './password-reset';
import loginLimits from './login-limits';
import visibility from './visibility';
import triage from './triage';
import settings from './settings';
import invoices from './invoices';
import profile from './profile';
import payments from './payments';
import orders from './orders';

export default {
  sections,
  health,
  memberships,
  'access-facts': accessFacts,
  audit,
  'relationship-passwords': relationshipPasswords,
  grants,
  members,
  contacts,
  roles,
  portfolio,
  'legacy-import': legacyImport,
  outbox,
  invitations,
  tickets,
  mailings,
  attachments,
  'mail-intake': mailIntake,
  'imap-poller': imapPoller,
  'password-reset': passwordReset,
  'login-limits': loginLimits,
  visibility,
  triage,
  settings,
  invoices,
  profile,
  payments,
  orders,
};
