// Tests run TypeScript through ts-jest in transpile-only mode (fast); type errors are caught by
// the separate `tsc` step of `npm test`. One embedded PostgreSQL serves the whole run.
//
// Why ts-jest and jest 29 rather than @swc/jest and jest 30: on these machines npm records only
// the installed platform's optional native packages in package-lock.json, and `npm ci` then
// refuses the lock for @swc/core and jest 30's unrs-resolver. Pure-JS tooling keeps `npm ci` working.
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30000,
};
