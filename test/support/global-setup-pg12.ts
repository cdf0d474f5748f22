// Jest global setup of the pg12 project (jest.config.js): starts PostgreSQL 12 for the
// database-facing tests it reruns.

import { setupFor } from './global-setup';

export default setupFor('pg12');
