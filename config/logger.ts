import { winston, formats } from '@strapi/logger';

/** LOG_LEVEL=error keeps test output readable; the default shows each HTTP request. */
export default {
  level: process.env.LOG_LEVEL || 'http',
  format: formats.prettyPrint(),
  transports: [new winston.transports.Console()],
};
