// Flags Dockerfiles that COPY or ADD files over Kong's own Lua code (kong_defaults.lua, the
// nginx templates, a bundled plugin's handler): the copy was made from one release's file, and the
// image rebuilt on the target keeps it in place of the target's own, so the upgraded node runs a
// mix of two releases (a kong_defaults.lua of 2.8 drops every property 3.x added). A custom
// plugin's own folder under kong/plugins/ is not Kong's code and is left alone. A compose bind
// mount or a Kubernetes ConfigMap or Secret volume laid over the same paths does the same, on any
// image the container starts.

import { defineRule } from '../../src/engine/define-rule';
import { bundledPlugins } from '../../src/knowledge/plugins/bundled';
import { KONG_IMAGES } from '../../src/knowledge/platform/images';

export default defineRule<'kongFile' | 'bundledPlugin' | 'mountedKongFile' | 'mountedBundledPlugin'>({
  id: 'platform/patched-kong-files',
  description: 'Flags Dockerfile COPY and ADD steps, and container mounts, that replace files of Kong itself or of a bundled plugin, which the target release ships in its own version.',
  severity: 'warning',
  inputs: ['images'],
  messages: {
    kongFile: '`{{instruction}}` writes `{{path}}` over Kong\'s own file (`{{tree}}{{path}}`): the copy was taken from one release, and the image built on Kong {{to}} keeps it in place of {{to}}\'s own, so the node runs a mix of two releases.',
    bundledPlugin: '`{{instruction}}` writes `{{path}}` into the bundled plugin {{plugin}} (`{{tree}}{{path}}`): the image built on Kong {{to}} keeps this copy in place of the plugin\'s {{to}} code, so the plugin runs a mix of two releases.',
    mountedKongFile: '{{user}} mounts `{{source}}` at `{{tree}}{{path}}`, over Kong\'s own code: the copy was taken from one release, and the container runs it in place of Kong {{to}}\'s own whatever image it starts, so the node runs a mix of two releases.',
    mountedBundledPlugin: '{{user}} mounts `{{source}}` at `{{tree}}{{path}}`, into the bundled plugin {{plugin}}: the container runs this copy in place of the plugin\'s Kong {{to}} code whatever image it starts, so the plugin runs a mix of two releases.',
  },
  remediation: 'Port the change onto the target release\'s version of the file (or drop it, or ship it as a custom plugin under its own name), then rebuild the image or replace the mounted file, before the upgrade.',
  docsUrl: 'https://developer.konghq.com/gateway/upgrade/',
  sources: [KONG_IMAGES.sources.find((s) => s.ref.startsWith('Kong/kong:build/dockerfiles/entrypoint.sh'))!,
    { kind: 'repo', ref: 'Kong/kong:kong-3.9.3-0.rockspec@3.9.3', note: 'the rock installs kong/*.lua, kong/templates/* and kong/plugins/<bundled>/* into the LuaRocks tree' },
    { kind: 'repo', ref: 'compose-spec/compose-spec:05-services.md@170098ba', note: 'volumes (lines 2119-2163): a host path source is bind-mounted at the target, over what the image holds there' },
    { kind: 'docs', ref: 'https://kubernetes.io/docs/concepts/storage/volumes/#using-subpath', note: 'a volumeMount with subPath puts one entry of a ConfigMap or Secret volume at mountPath' }],
  check(ctx) {
    const bundled = bundledPlugins(ctx.plan.from, ctx.plan.edition).names;
    for (const image of ctx.input('images')) {
      for (const mount of image.mountsKongTree ?? []) {
        const plugin = /^plugins\/([^/]+)/.exec(mount.path)?.[1];
        if (mount.path === 'plugins') continue;
        const data = { user: capitalised(mount.user), source: mount.source, path: mount.path, tree: KONG_IMAGES.luaTree, to: ctx.plan.to.toString() };
        if (plugin === undefined) ctx.report({ messageId: 'mountedKongFile', at: mount.origin, data });
        else if (bundled.has(plugin)) ctx.report({ messageId: 'mountedBundledPlugin', at: mount.origin, data: { ...data, plugin } });
      }
      // Only the stage that runs matters; a build stage's files reach it only through COPY --from.
      if (image.via !== 'dockerfile' || image.buildStage) continue;
      for (const write of image.writesKongTree ?? []) {
        const data = { instruction: write.instruction, path: write.path, tree: KONG_IMAGES.luaTree, to: ctx.plan.to.toString() };
        const plugin = /^plugins\/([^/]+)/.exec(write.path)?.[1];
        if (write.path === 'plugins') continue;
        if (plugin === undefined) {
          ctx.report({ messageId: 'kongFile', at: write.origin, data });
        } else if (bundled.has(plugin)) {
          ctx.report({ messageId: 'bundledPlugin', at: write.origin, data: { ...data, plugin } });
        }
      }
    }
  },
});

/** `Service kong`, `Deployment kong (container proxy)`: the start of a sentence. */
function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
