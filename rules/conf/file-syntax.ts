// Reports what Kong's kong.conf reader silently tolerates but the operator almost never meant:
// duplicate keys, `[sections]` that hide every later key, values cut at `#`, kept quotes. These
// survive any upgrade unnoticed, so they are reported on every path.

import { defineRule } from '../../src/engine/define-rule';
import type { ConfDiagnosticKind } from '../../src/inputs/kong-conf/types';
import type { Severity } from '../../src/model/finding';
import { ENV_FILE_CONVENTION } from '../../src/knowledge/conf/env-file-convention';

/** How much each oddity matters; values can be secrets, so messages never quote them. */
const SEVERITY: Record<ConfDiagnosticKind, Severity> = {
  'malformed-section': 'blocker',
  'section-header': 'warning',
  'unescaped-hash': 'warning',
  'duplicate-key': 'warning',
  'no-equals': 'warning',
  'empty-key': 'warning',
  'quoted-value': 'warning',
  'dangling-continuation': 'warning',
  'byte-order-mark': 'warning',
  'latin1-comment': 'info',
  'numeric-conversion': 'info',
  'none-literal': 'info',
  'env-overrides-file': 'info',
  'layer-overrides-file': 'info',
  'unreadable-value': 'info',
  'file-env-conflict': 'warning',
  'yaml-boolean': 'warning',
  // helm install / helm upgrade stops on it: nothing is deployed until the value is quoted.
  'helm-render-refused': 'blocker',
  'exponent-number': 'warning',
};

/** Where the rule-wide advice (edit the line) does not fit the oddity. */
const REMEDIATION: Partial<Record<ConfDiagnosticKind, string>> = {
  'latin1-comment': 'Nothing to change for Kong; saving the file as UTF-8 keeps editors and diffs from garbling the comments.',
  'unreadable-value': 'Check the value where it is kept (the Secret, ConfigMap or file) against the target version by hand.',
  'file-env-conflict': 'Keep either the variable or its _FILE form, not both.',
};

export default defineRule<'diagnostic'>({
  id: 'conf/file-syntax',
  description: 'Reports kong.conf lines that Kong reads differently from how they look: duplicates, sections, cut values, kept quotes.',
  severity: 'warning',
  inputs: ['kongConf'],
  messages: { diagnostic: '{{message}}' },
  remediation: 'Edit the line so that Kong reads what you mean: one setting per key, no [sections], `\\#` for a literal #, no quotes around values.',
  docsUrl: 'https://developer.konghq.com/gateway/configuration/',
  sources: [
    { kind: 'digest', ref: 'kong-facts/conf/parsing.md (Penlight pl.config rules, comment stripping, precedence)' },
    { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/init.lua@3.9.3 (load_config)' },
    ENV_FILE_CONVENTION.sources[0],
  ],
  check(ctx) {
    for (const diagnostic of ctx.input('kongConf').diagnostics) {
      ctx.report({
        messageId: 'diagnostic',
        severity: SEVERITY[diagnostic.kind],
        at: diagnostic.origin,
        data: { message: diagnostic.message, kind: diagnostic.kind, ...(diagnostic.key ? { key: diagnostic.key } : {}) },
        remediation: REMEDIATION[diagnostic.kind],
      });
    }
  },
});
