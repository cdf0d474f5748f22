// Jest global teardown of the pg12 project: stops its PostgreSQL 12.

import { teardownFor } from './global-teardown';

export default teardownFor('pg12');
