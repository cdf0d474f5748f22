// The KongConf that rules query: effective settings by key, in a stable order, with the
// "unset" reading Kong applies to empty values and `NONE`.

import { fileOrigin, type FileOrigin } from '../../model/origin';
import type { ConfDiagnostic, ConfSetting, KongConf } from './types';

/** Empty and `NONE` mean "unset" for `get`; the setting itself stays reachable through `raw`. */
export function isUnsetValue(value: string): boolean {
  return value === '' || value === 'NONE';
}

export class ConfStore implements KongConf {
  readonly file?: string;
  readonly dir: string;
  readonly modifiedAt?: Date;
  readonly diagnostics: readonly ConfDiagnostic[];
  private readonly byKey: ReadonlyMap<string, ConfSetting>;
  private readonly ordered: readonly ConfSetting[];

  /** `ordered` holds every effective setting once, in the order `settings()` returns them. */
  private readonly fallbackAnchor?: FileOrigin;
  /** Where the kong.conf text starts when another file holds it (a ConfigMap key); else the file's first line. */
  private readonly fileAnchor?: FileOrigin;

  constructor(init: { file?: string; dir: string; modifiedAt?: Date; ordered: readonly ConfSetting[]; diagnostics: readonly ConfDiagnostic[]; anchor?: FileOrigin; fileAnchor?: FileOrigin }) {
    this.file = init.file;
    this.fallbackAnchor = init.anchor;
    if (init.fileAnchor) this.fileAnchor = init.fileAnchor;
    this.dir = init.dir;
    if (init.modifiedAt) this.modifiedAt = init.modifiedAt;
    this.ordered = init.ordered;
    this.diagnostics = init.diagnostics;
    this.byKey = new Map(init.ordered.map((setting) => [setting.key, setting]));
  }

  get(key: string): ConfSetting | undefined {
    const setting = this.byKey.get(key);
    return setting && !isUnsetValue(setting.value) ? setting : undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  settings(): ConfSetting[] {
    return this.ordered.filter((setting) => !isUnsetValue(setting.value));
  }

  withPrefix(prefix: string): ConfSetting[] {
    return this.settings().filter((setting) => setting.key.startsWith(prefix));
  }

  raw(key: string): ConfSetting | undefined {
    return this.byKey.get(key);
  }

  rawSettings(): ConfSetting[] {
    return [...this.ordered];
  }

  envSettings(): ConfSetting[] {
    return this.ordered.filter((setting) => setting.origin.kind === 'env');
  }

  anchor(): FileOrigin | undefined {
    if (this.file === undefined) return this.fallbackAnchor;
    return this.fileAnchor ? { ...this.fileAnchor } : fileOrigin(this.file, 1, 1);
  }
}
