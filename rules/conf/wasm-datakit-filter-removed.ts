// Open-source 3.9 stops bundling the experimental datakit Wasm filter that 3.7 and 3.8 shipped,
// and from 3.9 a node with wasm on refuses to start when a filter chain names a filter that is
// not installed. With kong.conf in hand the question narrows: wasm off (the default) means Kong
// skips that check and no chain runs, and a source before 3.7 never had the bundled filter, so
// any datakit it runs comes from wasm_filters_path and keeps loading. Only a 3.7/3.8 node with
// wasm on is left; its filter chains are not read here, hence a warning.

import { defineRule } from '../../src/engine/define-rule';
import { KongVersion } from '../../src/version/kong-version';

const REMOVED_IN = '3.9.0';
const FIRST_BUNDLED = KongVersion.parse('3.7.0');

export default defineRule<'wasmOn'>({
  id: 'conf/wasm-datakit-filter-removed',
  description: 'Flags open-source 3.7/3.8 nodes with wasm on, whose bundled datakit filter 3.9 no longer ships.',
  severity: 'warning',
  versionData: ['removedIn'],
  inputs: ['kongConf'],
  gate: { introducedIn: REMOVED_IN, editions: ['oss'] },
  catalog: ['wasm-datakit-filter-removed'],
  messages: {
    wasmOn: '`wasm = {{value}}` on {{from}}, which bundles the experimental datakit filter; {{removedIn}} no longer ships it and refuses to start while a filter chain names a filter that is not installed.',
  },
  remediation: 'Before the upgrade, remove the filter chains (or filters) that use datakit, or place datakit.wasm under wasm_filters_path so that 3.9 loads it as a user filter.',
  docsUrl: 'https://developer.konghq.com/gateway/changelog/',
  sources: [
    { kind: 'repo', ref: 'Kong/kong:CHANGELOG.md@3.9.0', note: 'Wasm: the experimental datakit filter removed' },
    { kind: 'repo', ref: 'Kong/kong:build/openresty/wasmx/filters/variables.bzl@3.7.0', note: 'datakit-filter bundled from 3.7.0 to 3.8.x; the list is empty at 3.6.0 and 3.9.0' },
    { kind: 'repo', ref: 'Kong/kong:kong/runloop/wasm.lua@3.9.3', note: 'check_enabled_filters returns early when wasm is off, otherwise fails on chains naming filters not installed' },
    { kind: 'repo', ref: 'Kong/kong:kong.conf.default@3.9.3', note: 'wasm defaults to off' },
  ],
  check(ctx) {
    if (ctx.plan.from.lt(FIRST_BUNDLED)) return;
    const wasm = ctx.input('kongConf').get('wasm');
    const value = wasm?.value.trim().toLowerCase();
    if (!wasm || (value !== 'on' && value !== 'true')) return;
    ctx.report({ messageId: 'wasmOn', at: wasm.origin, data: { value: wasm.value, from: ctx.plan.from.toString(), removedIn: REMOVED_IN } });
  },
});
