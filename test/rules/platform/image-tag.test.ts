import { join } from 'node:path';
import rule from '../../../rules/platform/image-tag';
import { loadImageFiles } from '../../../src/inputs/images/load';
import { parseKongImage } from '../../../src/inputs/images/image-ref';
import { ruleTester } from '../../support/rule-tester';

const platform = join(__dirname, '../../../fixtures/platform');
const files = (...names: string[]) => () => ({ images: loadImageFiles(names.map((n) => join(platform, n))) });
const image = (reference: string) => () => ({ images: [parseKongImage(reference, { kind: 'file', file: 'Dockerfile', line: 1, column: 6 }, 'dockerfile')!] });

ruleTester.run(rule, {
  valid: [
    { name: 'an -ubuntu image going 2.8 -> 3.4', from: '2.8.4.1', to: '3.4', edition: 'enterprise', inputs: files('Dockerfile.ubuntu') },
    { name: 'an -alpine image on a path that stops before 3.4', from: '2.8.4.1', to: '3.3', edition: 'enterprise', inputs: image('kong/kong-gateway:2.8.4.1-alpine') },
    { name: 'an -rhel image already past 3.4', from: '3.4', to: '3.10', edition: 'enterprise', inputs: image('kong/kong-gateway:3.4.3.12-rhel') },
    { name: 'an open-source image to the last open-source minor', from: '3.4', to: '3.9', inputs: image('kong:3.4.2-ubuntu') },
    { name: 'an amazonlinux-2023 image to 3.15', from: '3.14', to: '3.15', edition: 'enterprise', inputs: image('kong/kong-gateway:3.14-amazonlinux-2023') },
    { name: 'a build stage on another version than the stage that runs', from: '3.4.2', to: '3.9', inputs: files('Dockerfile.multistage') },
    { name: 'a 0.13 convenience tag was already Alpine-based', from: '0.13', to: '2.8', inputs: image('kong:0.13') },
    // Kong/official-images library/kong@60aa83c5e: unsuffixed 3.2.2 moved to ubuntu/ (jammy), as 3.4 is.
    { name: 'the Docker official kong:3.2.2 is Ubuntu-based already: no base change at 3.4', from: '3.2.2', to: '3.4', inputs: image('kong:3.2.2') },
  ],
  invalid: [
    {
      name: 'an Alpine Dockerfile crossing 3.4 (ARG substituted)',
      from: '2.8.4.1', to: '3.4', edition: 'enterprise', inputs: files('Dockerfile.alpine'),
      findings: [{ messageId: 'flavourGone', line: 3, column: 6, hop: '3.4', data: { flavour: 'alpine', minor: '3.4' } }],
    },
    {
      name: 'compose: a convenience tag and an -rhel tag that contradicts --from',
      from: '2.8.4', to: '3.4', inputs: files('docker-compose.yml'),
      findings: [
        { messageId: 'convenienceBaseMoves', line: 5, column: 12, severity: 'info', data: { fromOs: 'Alpine', toOs: 'Ubuntu 22.04' } },
        { messageId: 'versionMismatch', line: 9, data: { tagVersion: '3.3.1.0', saidBy: '--from' } },
        { messageId: 'rhelBase', line: 9, severity: 'info' },
      ],
    },
    {
      // mprevide/kong Dockerfile: FROM kong:0.11 then `yum -y update`; 0.11 and 0.12 tags were CentOS-based.
      name: 'a 0.x convenience tag extended with yum cannot build once the tag is Alpine-based',
      from: '0.11', to: '2.8', inputs: () => ({ images: [{ ...parseKongImage('kong:0.11', { kind: 'file', file: 'Dockerfile', line: 1, column: 6 }, 'dockerfile')!, usesYum: true }] }),
      findings: [{ messageId: 'yumOffCentos', severity: 'blocker', hop: '2.1.0', data: { alpineFrom: '0.13.0' } }],
    },
    {
      name: 'a 0.x convenience tag names its CentOS base, not Alpine',
      from: '0.12', to: '3.4', inputs: image('kong:0.12'),
      findings: [{ messageId: 'convenienceBaseCentos', severity: 'info', message: 'CentOS-based up to 0.12' }],
    },
    {
      name: 'a convenience tag extended with apk cannot build from 3.4',
      from: '2.8', to: '3.4',
      inputs: () => {
        const [ref] = loadImageFiles([join(platform, 'Dockerfile.alpine')]);
        return { images: [{ ...ref, flavour: undefined, reference: 'kong/kong-gateway:2.8.4.1', tag: '2.8.4.1' }] };
      },
      findings: [{ messageId: 'apkOffAlpine', severity: 'blocker', data: { toOs: 'Ubuntu 22.04' } }],
    },
    {
      // Enterprise changelog 3.0.0.0 and 3.2.1.0: unsuffixed tags Debian-based, then Ubuntu-based.
      name: 'an Enterprise 3.0 convenience tag is Debian-based, not Alpine, and Ubuntu-based at the target',
      from: '3.0.0.0', to: '3.4', edition: 'enterprise', inputs: image('kong/kong-gateway:3.0.0.0'),
      findings: [{ messageId: 'convenienceBaseMoves', severity: 'info', data: { fromOs: 'Debian', toOs: 'Ubuntu 22.04' }, message: 'Debian for 3.0.0.0, Ubuntu 22.04 for 3.4' }],
    },
    {
      name: 'an open-source image past the last open-source release',
      from: '3.4', to: '3.10', edition: 'enterprise', inputs: image('kong:3.4.2-ubuntu'),
      findings: [{ messageId: 'noOssImage', severity: 'blocker', data: { minor: '3.10' } }],
    },
    {
      name: 'amazonlinux-2 images end at 3.15',
      from: '3.14', to: '3.15', edition: 'enterprise', inputs: image('kong/kong-gateway:3.14.0.0-amazonlinux-2'),
      findings: [{ messageId: 'flavourGone', data: { flavour: 'amazonlinux-2', minor: '3.15' } }],
    },
    {
      name: 'open-source CentOS images stop at 2.8',
      from: '2.7', to: '2.8', inputs: image('kong:2.7.2-centos'),
      findings: [{ messageId: 'flavourGone', severity: 'info', data: { flavour: 'centos' } }],
    },
    {
      name: 'a running tag that differs from the version another image gave the path',
      from: '3.5', to: '3.9',
      inputs: () => ({ images: [{ ...image('kong:3.4.2-ubuntu')().images[0], pathFromSaidBy: 'the image kong:3.5 at docker-compose.yml:4' }] }),
      findings: [{ messageId: 'versionMismatch', data: { tagVersion: '3.4.2', saidBy: 'the image kong:3.5 at docker-compose.yml:4' } }],
    },
    {
      name: 'a floating major tag names no exact version',
      from: '3.4', to: '3.9', inputs: files('Dockerfile.floating'),
      findings: [{ messageId: 'floatingMajor', severity: 'info', data: { major: 3 } }],
    },
    {
      name: 'a tag from a build argument without default',
      from: '3.4', to: '3.9', inputs: files('Dockerfile.buildarg'),
      findings: [{ messageId: 'unresolvedTag', severity: 'info', line: 2, data: { reference: 'kong:${KONG_VERSION}', variables: 'KONG_VERSION' } }],
    },
    {
      name: 'a tag without a version',
      from: '3.4', to: '3.9', inputs: image('kong:latest'),
      findings: [{ messageId: 'noVersion', severity: 'info', data: { tag: 'latest' } }],
    },
    {
      // Kong/docker-kong compose/docker-compose.yml: kong-migrations, kong-migrations-up and kong share ${KONG_DOCKER_TAG}.
      name: 'three services on one image: one finding at the first, naming the three',
      from: '2.8.4', to: '3.4', inputs: files('shared-image/compose-three-services.yml'),
      findings: [{ messageId: 'flavourGone', line: 4, data: { reference: 'kong:2.8.4-alpine', users: ' (services kong-migrations, kong-migrations-up, kong)' }, message: '`kong:2.8.4-alpine` (services kong-migrations, kong-migrations-up, kong) has no counterpart at the target.' }],
    },
    {
      name: 'two services on two tags: a finding for each image',
      from: '2.8', to: '3.4', inputs: files('shared-image/compose-two-tags.yml'),
      findings: [
        { messageId: 'flavourGone', line: 4, data: { reference: 'kong:2.8.3-alpine', users: '' } },
        { messageId: 'flavourGone', line: 7, data: { reference: 'kong:2.8.4-alpine', users: '' } },
      ],
    },
    {
      name: 'one service: the message names no service, as before',
      from: '2.8.4', to: '3.4', inputs: files('shared-image/compose-one-service.yml'),
      findings: [{ messageId: 'flavourGone', line: 3, data: { users: '' }, message: 'Kong publishes no `-alpine` image for 3.4: its Alpine images stop at the release before, so `kong:2.8.4-alpine` has no counterpart at the target.' }],
    },
    {
      name: 'one image line serving two services through a YAML anchor names both',
      from: '2.8.4', to: '3.4', inputs: files('shared-image/compose-anchor.yml'),
      findings: [{ messageId: 'flavourGone', line: 4, data: { users: ' (services kong, kong-migrations)' } }],
    },
    {
      name: 'two Dockerfile stages FROM one image: one finding naming both stages',
      from: '2.8.4', to: '3.4', inputs: files('shared-image/Dockerfile.two-stages'),
      findings: [{ messageId: 'flavourGone', line: 1, data: { users: ' (stage plugins, the stage of line 4)' } }],
    },
    {
      name: 'one image in two files: a finding in each file',
      from: '2.8.4', to: '3.4', inputs: files('shared-image/compose-one-service.yml', 'shared-image/Dockerfile.two-stages'),
      findings: [
        { messageId: 'flavourGone', line: 3, data: { users: '' } },
        { messageId: 'flavourGone', line: 1, data: { users: ' (stage plugins, the stage of line 4)' } },
      ],
    },
  ],
  notEvaluated: [{ name: 'no image given', from: '2.8', to: '3.4', reason: /no images input|image/ }],
});
