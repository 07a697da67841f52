import type { Core } from '@strapi/strapi';
import { answerUnreadableBodies } from './body-errors';

/** Runs before Strapi builds its middleware chain: what must wrap Strapi's own middlewares goes here. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  answerUnreadableBodies(strapi);
};
