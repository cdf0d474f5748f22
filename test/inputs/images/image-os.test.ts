// Which running images answer the OS questions: Kong's own, with a tag that names a release and
// a known suffix, and bases known at every release the path installs.

import { imageOsOnPath } from '../../../src/inputs/images/image-os';
import { parseKongImage } from '../../../src/inputs/images/image-ref';
import { computePlan } from '../../../src/plan/compute-plan';
import { resolveVersion } from '../../../src/knowledge/releases';
import type { Edition } from '../../../src/plan/types';

const at = { kind: 'file' as const, file: 'compose.yml', line: 3, column: 12 };
const image = (reference: string) => parseKongImage(reference, at, 'compose')!;
const plan = (from: string, to: string, edition: Edition = 'oss') =>
  computePlan({ from: resolveVersion(from, '--from'), to: resolveVersion(to, '--to'), topology: 'traditional', role: 'traditional', edition });

describe('imageOsOnPath', () => {
  it('kong:3.4.2 to 3.9: Ubuntu 22.04 now, Ubuntu 24.04 at the target', () => {
    const answered = imageOsOnPath([image('kong:3.4.2')], plan('3.4.2', '3.9'));
    if (!('imageOs' in answered)) throw new Error(answered.why);
    expect(answered.imageOs.current).toEqual({ os: 'Ubuntu', version: '22.04' });
    expect(answered.imageOs.hops.at(-1)?.base).toEqual({ os: 'Ubuntu', version: '24.04' });
  });

  it('a tag suffix Kong does not publish leaves the OS open', () => {
    expect(imageOsOnPath([image('kong:3.4.2-custom')], plan('3.4.2', '3.9'))).toEqual({ why: expect.stringContaining('no exact release and OS suffix') });
  });

  it('a floating tag leaves the OS open', () => {
    expect(imageOsOnPath([image('kong:3')], plan('3.4.2', '3.9'))).toHaveProperty('why');
  });

  it('an -alpine image has no counterpart at 3.4: the OS stays open (platform/image-tag reports the image)', () => {
    const answered = imageOsOnPath([image('kong/kong-gateway:2.8.4.1-alpine')], plan('2.8.4.1', '3.4', 'enterprise'));
    expect(answered).toEqual({ why: expect.stringContaining('-alpine suffix') });
  });

  it('an open-source image past 3.9 has no counterpart: the OS stays open', () => {
    expect(imageOsOnPath([image('kong:3.4.2')], plan('3.4.2', '3.10', 'oss'))).toHaveProperty('why');
  });

  it('two different running images leave the OS open', () => {
    expect(imageOsOnPath([image('kong:3.4.2'), image('kong:3.4.2-ubuntu')], plan('3.4.2', '3.9'))).toEqual({ why: expect.stringContaining('differ') });
  });
});
