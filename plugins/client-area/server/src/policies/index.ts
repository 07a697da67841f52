import isIdentity from './is-identity';
import clientAccess from './client-access';

export default { 'is-identity': isIdentity, 'client-access': clientAccess };
