// Compose services built from a Dockerfile of the project (compose-spec build.md `build:`,
// `context`, `dockerfile`): the Kong node runs the image its Dockerfile builds, not the image the
// one-shot migration services pull. Real projects with custom plugins are written this way:
// `kong-migrations` runs `kong:2.6.0`, while `kong` is `build: {context: ., dockerfile:
// ./kong/Dockerfile}` FROM `kong:2.6.0-alpine`.

import { join } from 'node:path';
import { loadPlatformInputs } from '../../../src/inputs/platform';
import { readImageFiles } from '../../../src/inputs/images/load';
import { tempDir } from '../../support/temp';

const compose = (kongBuild: string[]) => [
  'services:',
  '  kong-migrations:',
  '    image: kong:2.6.0',
  '    command: kong migrations bootstrap',
  '    environment:',
  '      KONG_DATABASE: postgres',
  '  kong:',
  ...kongBuild,
  '    environment:',
  '      KONG_DATABASE: postgres',
  '      KONG_ADMIN_LISTEN: 0.0.0.0:8001',
].join('\n') + '\n';

const dockerfile = 'FROM kong:2.6.0-alpine\nUSER root\nENV KONG_PLUGINS=bundled,auth-redis\nUSER kong\n';

describe('a compose service built from a Dockerfile of the project', () => {
  it('reads the Dockerfile `build: {context, dockerfile}` names: its image is the node\'s version, its ENV the node\'s settings', () => {
    const dir = tempDir({
      'docker-compose.yml': compose(['    build:', '      context: .', '      dockerfile: ./kong/Dockerfile']),
      'kong/Dockerfile': dockerfile,
    });
    const platform = loadPlatformInputs({ imageFiles: [join(dir, 'docker-compose.yml')] });
    expect(platform.version).toMatchObject({ text: '2.6.0' });
    expect(platform.version?.reason).toBe(`image kong:2.6.0-alpine at ${join(dir, 'kong/Dockerfile')}:1`);
    expect(platform.images.map((image) => image.reference)).toContain('kong:2.6.0-alpine');
    expect(platform.dockerfileLayer?.settings.map((s) => [s.key, s.value])).toEqual([['plugins', 'bundled,auth-redis']]);
    expect(platform.listed.map((entry) => entry.label)).toContain(`${join(dir, 'kong/Dockerfile')} (not given, read because service kong of ${join(dir, 'docker-compose.yml')} builds its image from it (\`build:\`); ENV KONG_* read as settings)`);
  });

  it('`build: DIR` builds DIR/Dockerfile', () => {
    const dir = tempDir({ 'compose.yml': compose(['    build: ./kong']), 'kong/Dockerfile': dockerfile });
    const read = readImageFiles([join(dir, 'compose.yml')]);
    expect(read.builtDockerfiles).toEqual([{ file: join(dir, 'kong', 'Dockerfile'), unit: 'service kong', composeFile: join(dir, 'compose.yml') }]);
    const kong = read.containerEnv.containers.find((c) => c.unit === 'service kong');
    expect(kong?.imageOrigin).toMatchObject({ file: join(dir, 'kong', 'Dockerfile'), line: 1 });
  });

  it('links a Dockerfile given with --image-file to the service instead of reading it twice', () => {
    const dir = tempDir({ 'compose.yml': compose(['    build: ./kong']), 'kong/Dockerfile': dockerfile });
    const read = readImageFiles([join(dir, 'compose.yml'), join(dir, 'kong/Dockerfile')]);
    expect(read.builtDockerfiles).toBeUndefined();
    expect(read.images.filter((image) => image.reference === 'kong:2.6.0-alpine')).toHaveLength(1);
    expect(read.containerEnv.containers.find((c) => c.unit === 'service kong')?.imageOrigin?.file).toBe(join(dir, 'kong/Dockerfile'));
  });

  it('leaves alone a Dockerfile that builds on no Kong image, an inline Dockerfile, a Git context and a missing file', () => {
    const dir = tempDir({
      'compose.yml': [
        'services:',
        '  kong:',
        '    image: kong:3.4.2',
        '  app:',
        '    build: ./app',
        '  inline:',
        '    build:',
        '      dockerfile_inline: "FROM kong:2.8.0"',
        '  remote:',
        '    build: https://github.com/example/kong.git#main',
        '  gone:',
        '    build: ./nowhere',
      ].join('\n') + '\n',
      'app/Dockerfile': 'FROM node:20\nENV KONG_LOG_LEVEL=debug\n',
    });
    const read = readImageFiles([join(dir, 'compose.yml')]);
    expect(read.builtDockerfiles).toBeUndefined();
    expect(read.files).toEqual([join(dir, 'compose.yml')]);
    expect(read.dockerfileEnv).toEqual([]);
    expect(loadPlatformInputs({ imageFiles: [join(dir, 'compose.yml')] }).version).toMatchObject({ text: '3.4.2' });
  });
});

describe('a compose service with both image: and build:', () => {
  it('builds the Dockerfile when the image name is not one of Kong\'s (compose tags the build with it)', () => {
    const dir = tempDir({ 'compose.yml': compose(['    image: acme/kong-custom:1.0', '    build: ./kong']), 'kong/Dockerfile': dockerfile });
    const platform = loadPlatformInputs({ imageFiles: [join(dir, 'compose.yml')] });
    expect(platform.version?.reason).toBe(`image kong:2.6.0-alpine at ${join(dir, 'kong', 'Dockerfile')}:1`);
  });

  it('keeps one of Kong\'s tags, which compose pulls rather than builds', () => {
    const dir = tempDir({ 'compose.yml': compose(['    image: kong:3.4.2', '    build: ./kong']), 'kong/Dockerfile': dockerfile });
    const read = readImageFiles([join(dir, 'compose.yml')]);
    expect(read.builtDockerfiles).toBeUndefined();
    expect(loadPlatformInputs({ imageFiles: [join(dir, 'compose.yml')] }).version).toMatchObject({ text: '3.4.2' });
  });
});
