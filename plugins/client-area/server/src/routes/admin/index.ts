export default {
  type: 'admin',
  routes: [
    {
      method: 'GET',
      path: '/sections',
      handler: 'sections.list',
      config: { policies: ['admin::isAuthenticatedAdmin'] },
    },
  ],
};
