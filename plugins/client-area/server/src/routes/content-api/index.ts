export default {
  type: 'content-api',
  routes: [
    {
      method: 'GET',
      path: '/health',
      handler: 'health.show',
      // Public on purpose: load balancers probe it. It reveals no customer data.
      config: { auth: false, policies: [] },
    },
  ],
};
