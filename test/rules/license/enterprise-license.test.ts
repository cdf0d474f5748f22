import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import rule from '../../../rules/license/enterprise-license';
import { loadLicenseEvidence } from '../../../src/inputs/license';
import { runCase, ruleTester } from '../../support/rule-tester';

const NOW = new Date('2026-11-21T12:00:00Z');
const licenseJson = (expires: string) =>
  JSON.stringify({ license: { payload: { customer: 'Example Corp', license_expiration_date: expires, license_key: 'SECRET-KEY-123' }, signature: 'abcdef', version: '1' } });
const licenseFile = (expires: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'kp-lic-')), 'license.json');
  writeFileSync(file, licenseJson(expires));
  return file;
};
type Conf = Parameters<typeof loadLicenseEvidence>[0];
const NO_DEFAULT = '/nonexistent/kong/license.json';
const withLicense = ({ inputs }: { inputs: { kongConf?: Conf } }) => ({ license: loadLicenseEvidence(inputs.kongConf, { defaultPath: NO_DEFAULT }) });
const withDbRows = (rows: NonNullable<Parameters<typeof loadLicenseEvidence>[1]>['databaseCandidates']) => ({ inputs }: { inputs: { kongConf?: Conf } }) =>
  ({ license: loadLicenseEvidence(inputs.kongConf, { databaseCandidates: rows, defaultPath: NO_DEFAULT }) });
const withDefaultFile = (file: string) => ({ inputs }: { inputs: { kongConf?: Conf } }) => ({ license: loadLicenseEvidence(inputs.kongConf, { defaultPath: file }) });

ruleTester.run(rule, {
  valid: [
    { name: 'valid license in KONG_LICENSE_DATA', conf: 'database = postgres\n', env: { KONG_LICENSE_DATA: licenseJson('2027-12-31') }, from: '2.8', to: '3.4', edition: 'enterprise', inputs: withLicense, now: NOW },
    { name: 'valid license file via KONG_LICENSE_PATH', conf: 'database = off\n', env: { KONG_LICENSE_PATH: licenseFile('2028-01-01') }, from: '3.4', to: '3.10', topology: 'dbless', edition: 'enterprise', inputs: withLicense, now: NOW },
    { name: 'valid license at the default path', conf: 'database = off\n', from: '3.4', to: '3.10', topology: 'dbless', edition: 'enterprise', inputs: withDefaultFile(licenseFile('2028-01-01')), now: NOW },
    // Enterprise reads KONG_LICENSE_DATA base64-encoded too (license_helpers.lua@FTI-6378, decode_base64_str).
    { name: 'valid license in KONG_LICENSE_DATA, base64-encoded', conf: 'database = off\n', env: { KONG_LICENSE_DATA: Buffer.from(licenseJson('2027-12-31')).toString('base64') }, from: '3.4', to: '3.10', topology: 'dbless', edition: 'enterprise', inputs: withLicense, now: NOW },
  ],
  invalid: [
    {
      name: 'a data plane of a self-managed control plane: the control plane must hold the license',
      conf: 'role = data_plane\ndatabase = off\ncluster_control_plane = cp.internal:8005\n', from: '3.4', to: '3.10', topology: 'hybrid', role: 'data_plane', edition: 'enterprise', inputs: withLicense, now: NOW,
      findings: [{ messageId: 'dataPlane', severity: 'info', message: 'control plane, which must hold one' }],
    },
    {
      name: 'a Konnect data plane (konnect_mode = on): Konnect delivers the license',
      conf: 'role = data_plane\ndatabase = off\nkonnect_mode = on\ncluster_control_plane = 1a2b3c.us.cp0.konghq.com:443\n', from: '3.4', to: '3.10', topology: 'hybrid', role: 'data_plane', edition: 'enterprise', inputs: withLicense, now: NOW,
      findings: [{ messageId: 'konnectDataPlane', severity: 'info', line: 3, message: 'konnect_mode = on' }],
    },
    {
      name: 'a data plane whose control plane is on Konnect\'s domain, without konnect_mode',
      conf: 'role = data_plane\ndatabase = off\ncluster_control_plane = 1a2b3c.eu.cp0.konghq.com:443\n', from: '3.4', to: '3.10', topology: 'hybrid', role: 'data_plane', edition: 'enterprise', inputs: withLicense, now: NOW,
      findings: [{ messageId: 'konnectDataPlane', severity: 'info', line: 3, message: 'cluster_control_plane = 1a2b3c.eu.cp0.konghq.com:443' }],
    },
    {
      name: 'DB-less node without any license',
      conf: 'database = off\n', from: '3.4', to: '3.10', topology: 'dbless', edition: 'enterprise', inputs: withLicense, now: NOW,
      findings: [{ messageId: 'missing', severity: 'blocker', message: '3.10.0.0' }],
    },
    {
      name: 'Helm enterprise.enabled: false on a path that ends before 3.10 is free mode: a warning at that line',
      conf: 'database = off\n', from: '2.8', to: '3.9', topology: 'dbless', edition: 'enterprise', now: NOW,
      inputs: (args) => ({ license: { ...withLicense(args).license, freeMode: { origin: { kind: 'file', file: 'values.yaml', line: 7, column: 12 }, reason: 'enterprise.enabled is false at values.yaml:7' } } }),
      findings: [{ messageId: 'freeMode', severity: 'warning', line: 7, message: 'free mode' }],
    },
    {
      name: 'Helm enterprise.enabled: false stays a blocker from 3.10, where free mode is gone',
      conf: 'database = off\n', from: '3.4', to: '3.10', topology: 'dbless', edition: 'enterprise', now: NOW,
      inputs: (args) => ({ license: { ...withLicense(args).license, freeMode: { origin: { kind: 'file', file: 'values.yaml', line: 7, column: 12 }, reason: 'enterprise.enabled is false at values.yaml:7' } } }),
      findings: [{ messageId: 'missing', severity: 'blocker', message: '3.10.0.0' }],
    },
    {
      // yasanthae/Kong-API-Gateway-Deployment-EKS values-cp.yaml: kong-gateway 3.10.0.2 with enterprise.enabled false.
      name: 'Helm enterprise.enabled: false on a node already past 3.10 is no free mode any more',
      conf: 'database = postgres\n', from: '3.10.0.2', to: '3.11', edition: 'enterprise', now: NOW,
      inputs: (args) => ({ license: { ...withLicense(args).license, freeMode: { origin: { kind: 'file', file: 'values.yaml', line: 7, column: 12 }, reason: 'enterprise.enabled is false at values.yaml:7' } } }),
      findings: [{ messageId: 'freeModeGone', severity: 'warning', line: 7, message: 'already runs as if its license had expired' }],
    },
    {
      name: 'Helm enterprise.enabled: false past 3.10 on a path into the read-only Admin API is the missing-license finding',
      conf: 'database = postgres\n', from: '3.10.0.2', to: '3.15', edition: 'enterprise', now: NOW,
      inputs: (args) => ({ license: { ...withLicense(args).license, freeMode: { origin: { kind: 'file', file: 'values.yaml', line: 7, column: 12 }, reason: 'enterprise.enabled is false at values.yaml:7' } } }),
      findings: [{ messageId: 'missingDbUnchecked', severity: 'warning', message: 'read-only' }],
    },
    {
      name: 'traditional node, database inspected, no license row',
      conf: 'database = postgres\n', from: '3.4', to: '3.15', edition: 'enterprise', inputs: withDbRows([]), now: NOW,
      findings: [{ messageId: 'missing', severity: 'blocker', message: 'read-only' }],
    },
    {
      name: 'traditional node without database inspection is a warning, not a blocker',
      conf: 'database = postgres\n', from: '2.8', to: '3.4', edition: 'enterprise', inputs: withLicense, now: NOW,
      findings: [{ messageId: 'missingDbUnchecked', severity: 'warning' }],
    },
    {
      name: 'expired license in the environment',
      conf: 'database = postgres\n', env: { KONG_LICENSE_DATA: licenseJson('2026-01-31') }, from: '2.8', to: '3.4', edition: 'enterprise', inputs: withLicense, now: NOW,
      findings: [{ messageId: 'expired', severity: 'blocker', env: 'KONG_LICENSE_DATA', data: { expiresAt: '2026-01-31' } }],
    },
    {
      name: 'license expiring within 30 days',
      conf: 'database = postgres\n', env: { KONG_LICENSE_PATH: licenseFile('2026-12-10') }, from: '3.4', to: '3.10', edition: 'enterprise', inputs: withLicense, now: NOW,
      findings: [{ messageId: 'expiresSoon', severity: 'warning', env: 'KONG_LICENSE_PATH', data: { days: 19 } }],
    },
    {
      name: 'KONG_LICENSE_PATH naming a production path absent here',
      conf: 'database = postgres\n', env: { KONG_LICENSE_PATH: '/srv/kong/license.json' }, from: '3.4', to: '3.10', edition: 'enterprise', inputs: withLicense, now: NOW,
      findings: [{ messageId: 'unverifiable', severity: 'info', env: 'KONG_LICENSE_PATH' }],
    },
    {
      name: 'an expired license in KONG_LICENSE_DATA, base64url-encoded, is read as expired',
      conf: 'database = off\n', env: { KONG_LICENSE_DATA: Buffer.from(licenseJson('2026-01-31')).toString('base64url') }, from: '3.4', to: '3.10', topology: 'dbless', edition: 'enterprise', inputs: withLicense, now: NOW,
      findings: [{ messageId: 'expired', severity: 'blocker', env: 'KONG_LICENSE_DATA', data: { expiresAt: '2026-01-31' } }],
    },
    {
      // Kong loads KONG_LICENSE_DATA and never the database row (get_license_string): an expired
      // row behind a valid variable is no blocker for this node, only a note for nodes without it.
      name: 'an expired database row behind a valid KONG_LICENSE_DATA is an info, not a blocker',
      conf: 'database = postgres\n', env: { KONG_LICENSE_DATA: licenseJson('2027-12-31') }, from: '3.4', to: '3.10', edition: 'enterprise', now: NOW,
      inputs: withDbRows([{ via: 'database', origin: { kind: 'db', table: 'licenses', id: 'l1' }, status: 'read', expiresAt: '2026-01-31', detail: 'expires 2026-01-31' }]),
      findings: [{ messageId: 'shadowed', severity: 'info', message: 'The license from database expired on 2026-01-31, but this node never loads it: Kong takes the first license source that is set (KONG_LICENSE_DATA, /etc/kong/license.json, KONG_LICENSE_PATH, then the database) and this node has KONG_LICENSE_DATA set. Nodes without it load this one.' }],
    },
    {
      // The default file comes before KONG_LICENSE_PATH in Kong's lookup order.
      name: 'an existing default file wins over KONG_LICENSE_PATH: the expired file it names is only an info',
      conf: 'database = off\n', env: { KONG_LICENSE_PATH: licenseFile('2026-01-31') }, from: '3.4', to: '3.10', topology: 'dbless', edition: 'enterprise', inputs: withDefaultFile(licenseFile('2028-01-01')), now: NOW,
      findings: [{ messageId: 'shadowed', severity: 'info', env: 'KONG_LICENSE_PATH', message: 'this node has /etc/kong/license.json' }],
    },
    {
      name: 'a license_path line in kong.conf is not a license source',
      conf: `license_path = ${licenseFile('2028-01-01')}\ndatabase = off\n`, from: '3.4', to: '3.10', topology: 'dbless', edition: 'enterprise', inputs: withLicense, now: NOW,
      findings: [{ messageId: 'missing', severity: 'blocker' }],
    },
  ],
});

describe('license/enterprise-license secrecy', () => {
  it('never puts license content into a finding', async () => {
    const { result } = await runCase(rule, {
      name: 'secret', conf: 'database = off\n', env: { KONG_LICENSE_DATA: licenseJson('2020-01-01') }, from: '3.4', to: '3.10',
      topology: 'dbless', edition: 'enterprise', inputs: withLicense, now: NOW,
    });
    const text = JSON.stringify(result.findings);
    expect(result.findings).toHaveLength(1);
    expect(text).not.toContain('SECRET-KEY-123');
    expect(text).not.toContain('abcdef');
  });
});
