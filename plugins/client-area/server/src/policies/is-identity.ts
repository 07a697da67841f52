import { errors } from '@strapi/utils';
import { CUSTOMER_STRATEGY } from '../customer-auth';

/** A customer route: the caller must be a logged-in users-permissions identity. Fails closed. */
export default (policyContext: any) => {
  if (!policyContext.state?.user?.id || policyContext.state.auth?.strategy?.name !== CUSTOMER_STRATEGY) {
    throw new errors.UnauthorizedError('Log in first');
  }
  return true;
};
