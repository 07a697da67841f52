import isIdentity from './is-identity';
import clientAccess from './client-access';
import staffClient from './staff-client';

export default { 'is-identity': isIdentity, 'client-access': clientAccess, 'staff-client': staffClient };
