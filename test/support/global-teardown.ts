// Placeholder until the database test harness lands: the PostgreSQL shutdown goes here.
export default async function globalTeardown(): Promise<void> {}
