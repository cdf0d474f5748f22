// What a converted declarative file must read back as: a copy of the parsed file that the
// conversion edits (setIn / deleteIn, the calls it made on the `yaml` Document before). The copy
// keeps the sharing of YAML aliases: lyaml hands Kong one Lua table for an anchor and all its
// aliases (lyaml lib/lyaml/init.lua, load_alias), and js-yaml, which reads the file here, does the
// same with objects; an edit through one alias is therefore seen at every use, as Kong would see it.

type Key = string | number;
type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return value !== null && typeof value === 'object';
}

/** Sets a property without letting a key such as `__proto__` reach the prototype. */
function put(target: Container, key: Key, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A copy that shares nothing with its source: what a conversion writes is never an alias. */
function plainCopy(value: unknown): unknown {
  if (!isContainer(value)) return value;
  if (Array.isArray(value)) return value.map(plainCopy);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) put(out, key, plainCopy(value[key]));
  return out;
}

/** Whether the edits since the last note touched a value that several places of the file share. */
export interface EditNote {
  /** How many places of the file hold the edited mapping or list (1: not shared). */
  uses: number;
  /** False when an earlier edit through another alias had already made the same change. */
  changed: boolean;
}

export class IntendedValue {
  readonly root: Record<string, unknown>;
  /** The copy made of each mapping or list of the parsed file. */
  private readonly copies = new Map<object, Container>();
  /** How many places of the parsed file hold each copy (more than one: an alias or merge key shares it). */
  private readonly uses = new Map<object, number>();
  /** Copies whose own keys or items an edit changed. */
  private readonly edited = new Set<object>();
  private changedBelow?: Map<object, boolean>;
  private note: EditNote = { uses: 1, changed: false };

  constructor(original: Record<string, unknown>) {
    this.root = this.copy(original) as Record<string, unknown>;
  }

  /** The copy of a mapping or list of the parsed file (undefined for anything else). */
  copyOf(original: unknown): unknown {
    return isContainer(original) ? this.copies.get(original) : undefined;
  }

  /** True when an edit changed this copy or anything below it. */
  changedWithin(copy: object): boolean {
    this.changedBelow ??= new Map();
    const known = this.changedBelow.get(copy);
    if (known !== undefined) return known;
    // Set before descending: a value cannot hold itself in YAML, but a cycle must not hang us.
    this.changedBelow.set(copy, false);
    let changed = this.edited.has(copy);
    if (!changed) {
      for (const child of Object.values(copy)) {
        if (isContainer(child) && this.changedWithin(child)) {
          changed = true;
          break;
        }
      }
    }
    this.changedBelow.set(copy, changed);
    return changed;
  }

  /** What the converter passes to setIn: kept so the converter reads as it did with the `yaml` Document. */
  createNode(value: unknown): unknown {
    return value;
  }

  /** The value at `path` (plain data, not a YAML node), or undefined. */
  getIn(path: readonly Key[]): unknown {
    let at: unknown = this.root;
    for (const key of path) {
      if (!isContainer(at) || !Object.prototype.hasOwnProperty.call(at, key)) return undefined;
      at = (at as Record<Key, unknown>)[key];
    }
    return at;
  }

  hasIn(path: readonly Key[]): boolean {
    const parent = this.getIn(path.slice(0, -1));
    return isContainer(parent) && Object.prototype.hasOwnProperty.call(parent, path[path.length - 1]);
  }

  set(key: string, value: unknown): void {
    this.setIn([key], value);
  }

  setIn(path: readonly Key[], value: unknown): void {
    const parent = this.walk(path, true);
    if (!parent) return;
    const key = path[path.length - 1];
    const before = (parent as Record<Key, unknown>)[key];
    const after = plainCopy(value);
    if (Object.prototype.hasOwnProperty.call(parent, key) && JSON.stringify(before) === JSON.stringify(after)) return;
    put(parent, key, after);
    this.markEdited(parent);
  }

  deleteIn(path: readonly Key[]): void {
    const parent = this.walk(path, false);
    const key = path[path.length - 1];
    if (!parent || !Object.prototype.hasOwnProperty.call(parent, key)) return;
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
    this.markEdited(parent);
  }

  /** What the edits since the last call touched; the converter adds it to the change it records. */
  takeNote(): EditNote {
    const note = this.note;
    this.note = { uses: 1, changed: false };
    return note;
  }

  /** The container that holds the last key of `path`, made on the way when `create` says so. */
  private walk(path: readonly Key[], create: boolean): Container | undefined {
    let at: Container = this.root;
    for (let i = 0; i < path.length - 1; i++) {
      this.noteUses(at);
      const key = path[i];
      let next = (at as Record<Key, unknown>)[key];
      if (!isContainer(next) || !Object.prototype.hasOwnProperty.call(at, key)) {
        if (!create) return undefined;
        next = typeof path[i + 1] === 'number' ? [] : {};
        put(at, key, next);
        this.markEdited(at);
      }
      at = next as Container;
    }
    this.noteUses(at);
    return at;
  }

  private noteUses(container: Container): void {
    this.note.uses = Math.max(this.note.uses, this.uses.get(container) ?? 1);
  }

  private markEdited(container: Container): void {
    this.edited.add(container);
    this.note.changed = true;
    this.changedBelow = undefined;
  }

  private copy(value: unknown): unknown {
    if (!isContainer(value)) return value;
    const known = this.copies.get(value);
    if (known) {
      this.uses.set(known, (this.uses.get(known) ?? 1) + 1);
      return known;
    }
    const out: Container = Array.isArray(value) ? [] : {};
    this.copies.set(value, out);
    if (Array.isArray(value)) for (const item of value) (out as unknown[]).push(this.copy(item));
    else for (const key of Object.keys(value)) put(out, key, this.copy(value[key]));
    return out;
  }
}
