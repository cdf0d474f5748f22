// The values the report hides by value: kong.conf's secret settings and the database password
// that no input keeps. Short ones are left out (a `kong` password must not hide the product name).

import { secretValuesOf, withoutSecretValues } from '../../src/report/secret-values';

describe('secretValuesOf with values no input keeps', () => {
  it('takes the database password, longest first, and leaves short ones out', () => {
    expect(secretValuesOf(undefined, ['kong', 'Db-Password-1', 'Db-Pass'])).toEqual(['Db-Password-1', 'Db-Pass']);
  });

  it('hides the database password in a report string', () => {
    const secrets = secretValuesOf(undefined, ['Db-Password-1']);
    expect(withoutSecretValues({ message: 'log_level = Db-Password-1 is not allowed' }, secrets)).toEqual({ message: 'log_level = (hidden) is not allowed' });
  });
});
