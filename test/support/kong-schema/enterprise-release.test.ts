// The rule generate.ts uses to approximate an older Enterprise release from the 3.10 source: each
// name read the way its subsystem numbers releases (the init.lua lists @FTI-6378). Checked against
// the lists at the Enterprise 2.8.1.0 and 3.4.0.0 commits of that branch's history, which it
// reproduces but for the two exceptions fixtures/db/kong/README.md names.

import { parseMinor, ranBy, releaseInName } from './enterprise-release';

describe('kong-schema enterprise-release', () => {
  it('reads each subsystem\'s numbering', () => {
    expect(releaseInName('core', '016_270_to_280')).toEqual([2, 8]);
    expect(releaseInName('core', '025_390_to_3100')).toEqual([3, 10]);
    expect(releaseInName('enterprise', '018_3300_to_3400')).toEqual([3, 4]);
    expect(releaseInName('enterprise', '010_2200_to_2300_1')).toEqual([2, 3]);
    expect(releaseInName('enterprise.key-auth-enc', '002_2800_to_3200')).toEqual([3, 2]);
    expect(releaseInName('mtls-auth', '002_2200_to_2300')).toEqual([2, 3]);
    expect(releaseInName('openid-connect', '001_14_to_15')).toEqual([1, 5]);
    expect(releaseInName('rate-limiting-advanced', '001_370_to_380')).toEqual([3, 8]);
    expect(releaseInName('acl', '000_base_acl')).toBeUndefined();
    expect(releaseInName('session', '001_add_ttl_index')).toBeUndefined();
    expect(() => releaseInName('core', '026_3100_to_31100')).toThrow(/cannot read a release/);
  });

  it('keeps what an older release had run', () => {
    const ee28 = parseMinor('2.8');
    const ee34 = parseMinor('3.4');
    expect(ranBy(ee28, 'core', '016_270_to_280')).toBe(true);
    expect(ranBy(ee28, 'core', '016_280_to_300')).toBe(false);
    expect(ranBy(ee28, 'enterprise', '013_2700_to_2800')).toBe(true);
    expect(ranBy(ee28, 'enterprise', '014_2800_to_3000')).toBe(false);
    expect(ranBy(ee34, 'enterprise', '018_3300_to_3400')).toBe(true);
    expect(ranBy(ee34, 'enterprise', '019_3500_to_3600')).toBe(false);
    expect(ranBy(ee34, 'enterprise.key-auth-enc', '002_2800_to_3200')).toBe(true);
    expect(ranBy(ee28, 'acl', '000_base_acl')).toBe(true);
  });

  it('leaves out plugins and unnamed migrations that came later', () => {
    expect(ranBy(parseMinor('3.4'), 'header-cert-auth', '000_base_header_cert_auth')).toBe(false);
    expect(ranBy(parseMinor('2.8'), 'konnect-application-auth', '000_base_konnect_applications')).toBe(false);
    expect(ranBy(parseMinor('3.4'), 'konnect-application-auth', '000_base_konnect_applications')).toBe(true);
    expect(ranBy(parseMinor('3.4'), 'konnect-application-auth', '001_consumer_group_addition')).toBe(false);
  });
});
