// Tests run TypeScript through ts-jest in transpile-only mode (fast); type errors are caught by
// the separate `tsc` step of `npm test`.
//
// Two projects, one run: `default` runs every test against the newest PostgreSQL; `pg12` reruns
// the database-facing tests against PostgreSQL 12, the oldest major a supported Kong 3.x release
// is tested with, so SQL or fixtures that only newer servers accept fail here and not at a user's.
// Each project has its own global setup (its own server) and names that server to its tests
// through `globals` (test/support/postgres.ts). With KONG_PREFLIGHT_TEST_PG_SERVER set, the
// default project runs against that server and pg12 is left out, as on platforms other than
// linux-x64 (CI's), which have no PostgreSQL 12 package.
//
// Why ts-jest and jest 29 rather than @swc/jest and jest 30: on these machines npm records only
// the installed platform's optional native packages in package-lock.json, and `npm ci` then
// refuses the lock for @swc/core and jest 30's unrs-resolver. Pure-JS tooling keeps `npm ci` working.
const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
};

/** Tests that read a real database: the loader, the db rules, and the commands given --pg. */
const DATABASE_TESTS = [
  '<rootDir>/test/inputs/database/**/*.test.ts',
  '<rootDir>/test/rules/db/**/*.test.ts',
  '<rootDir>/test/cli/database.test.ts',
  '<rootDir>/test/freeze/freeze.test.ts',
  '<rootDir>/test/hardening/bad-database.test.ts',
  // The credential values' query (column privileges, tables a database may lack) on the oldest server.
  '<rootDir>/test/hardening/secrets-database-credentials.test.ts',
  '<rootDir>/test/support/postgres.test.ts',
];

const projects = [
  {
    ...shared,
    displayName: 'default',
    testMatch: ['**/*.test.ts'],
    globalSetup: '<rootDir>/test/support/global-setup.ts',
    globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  },
];
// PostgreSQL 12 binaries were published for linux-x64 only (scripts/lock-unpublished-optionals.js).
const pg12Binaries = process.platform === 'linux' && process.arch === 'x64';
if (!process.env.KONG_PREFLIGHT_TEST_PG_SERVER && pg12Binaries) {
  projects.push({
    ...shared,
    displayName: 'pg12',
    testMatch: DATABASE_TESTS,
    globals: { KONG_PREFLIGHT_TEST_PG_SERVER_NAME: 'pg12' },
    globalSetup: '<rootDir>/test/support/global-setup-pg12.ts',
    globalTeardown: '<rootDir>/test/support/global-teardown-pg12.ts',
  });
}

module.exports = { projects, testTimeout: 30000 };
