import register from './register';
import bootstrap from './bootstrap';
import destroy from './destroy';
import config from './config';
import contentTypes from './content-types';
import services from './services';
import controllers from './controllers';
import routes from './routes';
import policies from './policies';

export default {
  register,
  bootstrap,
  destroy,
  config,
  contentTypes,
  services,
  controllers,
  routes,
  policies,
  middlewares: {},
};
