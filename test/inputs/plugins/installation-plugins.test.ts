// The custom plugins of an installation: names that kong.conf settles where the sources cannot.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadKongConf } from '../../../src/inputs/kong-conf';
import { loadCustomPlugins } from '../../../src/inputs/plugins/installation-plugins';
import { KongVersion } from '../../../src/version/kong-version';

const GO_FILE_BUILT = path.join(__dirname, '../../../fixtures/plugins/go-file-built/plugins');
const PLAN = { from: KongVersion.parse('3.0.1.0'), edition: 'enterprise' as const };

function conf(text: string) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kp-inst-plugins-')), 'kong.conf');
  fs.writeFileSync(file, text);
  return loadKongConf(file, {});
}

describe('loadCustomPlugins: a Go program file built on its own', () => {
  // jeromeguillaume/kong-plugin-jwe-decrypt: jwe-decrypt/plugins/jwe-decrypt.go, built with
  // `go build jwe-decrypt.go`, declared as `pluginserver_names = jwe-decrypt`; it was read as "plugins".
  it.each([
    ['pluginserver_names', 'pluginserver_names = token-relay\npluginserver_token_relay_query_cmd = /usr/local/bin/token-relay -dump\n'],
    ['plugins', 'plugins = bundled,token-relay\n'],
  ])('takes the file name when %s declares it and not the folder name', (_key, text) => {
    const loaded = loadCustomPlugins([GO_FILE_BUILT], conf(text), PLAN);
    expect(loaded.customPlugins?.plugins.map((p) => [p.name, p.naming?.from])).toEqual([['token-relay', 'go-file-declared']]);
    expect(loaded.label).toContain('named after their Go file, built alone, as kong.conf declares that name: token-relay');
  });

  it.each([
    ['no kong.conf', undefined],
    ['a kong.conf that declares neither name', 'pluginserver_names = other\n'],
    ['a kong.conf that declares the folder name', 'pluginserver_names = plugins,token-relay\n'],
  ])('keeps the folder name with %s', (_name, text) => {
    const loaded = loadCustomPlugins([GO_FILE_BUILT], text === undefined ? undefined : conf(text), PLAN);
    expect(loaded.customPlugins?.plugins.map((p) => [p.name, p.naming])).toEqual([['plugins', undefined]]);
  });
});
