/** Jest runs against a real Strapi: see tests/support/. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests', '<rootDir>/plugins/client-area/server', '<rootDir>/plugins/client-area/admin'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json', }],
  },
  globalSetup: '<rootDir>/tests/support/global-setup.js',
  testTimeout: 60000,
  maxWorkers: 1,
};
