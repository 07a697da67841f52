import { errors } from '@strapi/utils';

/** A customer route: the caller must be a logged-in users-permissions identity. Fails closed. */
export default (policyContext: any) => {
  if (!policyContext.state?.user?.id || policyContext.state.auth?.strategy?.name !== 'users-permissions') {
    throw new errors.UnauthorizedError('Log in first');
  }
  return true;
};
