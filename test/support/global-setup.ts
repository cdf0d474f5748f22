// Placeholder until the database test harness lands: the PostgreSQL start-up goes here.
export default async function globalSetup(): Promise<void> {}
