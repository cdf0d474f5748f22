// Walks declarative documents into the shared entity model: top-level collections and the
// collections Kong (and decK) let you nest (routes in services, plugins in services, routes,
// consumers and consumer groups, targets in upstreams, snis in certificates, keys in key sets).

import type { Entity, EntityParent, EntityRef, EntitySource, EntityType, FieldPath } from '../../model/entities';
import type { Origin } from '../../model/origin';
import type { DeclarativeDocument } from './types';

type Parent = EntityParent;

/** Top-level collection name -> entity type (`vaults_beta` is 2.8's name for `vaults`). */
const TOP_LEVEL: Readonly<Record<string, EntityType | 'consumer_group'>> = {
  services: 'service', routes: 'route', plugins: 'plugin', consumers: 'consumer', upstreams: 'upstream',
  targets: 'target', certificates: 'certificate', ca_certificates: 'ca_certificate', snis: 'sni',
  vaults: 'vault', vaults_beta: 'vault', keys: 'key', key_sets: 'key_set', workspaces: 'workspace',
  licenses: 'license', consumer_groups: 'consumer_group',
};

/** Collections nested inside an entity of a type. */
const NESTED: Readonly<Partial<Record<EntityType | 'consumer_group', Readonly<Record<string, EntityType>>>>> = {
  service: { routes: 'route', plugins: 'plugin' },
  route: { plugins: 'plugin' },
  consumer: { plugins: 'plugin' },
  consumer_group: { plugins: 'plugin' },
  upstream: { targets: 'target' },
  certificate: { snis: 'sni' },
  key_set: { keys: 'key' },
};

/** Reference fields an entity may carry at top level, pointing at its parent by id or name. */
const REFERENCE_FIELDS: readonly Parent[] = ['service', 'route', 'consumer', 'consumer_group', 'upstream', 'certificate'];

export class DeclarativeEntity implements Entity {
  readonly sourceKind = 'declarative' as const;
  readonly id?: string;
  readonly name?: string;
  readonly workspace?: string;
  parents?: Partial<Record<Parent, EntityRef>>;

  constructor(
    readonly type: EntityType,
    readonly fields: Readonly<Record<string, unknown>>,
    private readonly document: DeclarativeDocument,
    /** The path of the collection holding the entity, shared by its siblings. */
    private readonly collectionPath: readonly (string | number)[],
    private readonly index: number,
  ) {
    if (typeof fields.id === 'string') this.id = fields.id;
    const handle = entityHandle(type, fields);
    if (handle !== undefined) this.name = handle;
    if (document.workspace) this.workspace = document.workspace.value;
  }

  /** Where the entity sits in its document: `['services', 0, 'routes', 2]` (for --fix-output). */
  get documentPath(): (string | number)[] {
    return [...this.collectionPath, this.index];
  }

  get origin(): Origin {
    return this.document.at(this.documentPath);
  }

  at(path: FieldPath = []): Origin {
    return this.document.at(path.length === 0 ? this.documentPath : [...this.documentPath, ...path]);
  }
}

function entityHandle(type: EntityType, fields: Readonly<Record<string, unknown>>): string | undefined {
  const pick = (key: string) => (typeof fields[key] === 'string' ? (fields[key] as string) : undefined);
  switch (type) {
    case 'consumer': return pick('username') ?? pick('custom_id');
    case 'target': return pick('target');
    case 'vault': return pick('prefix') ?? pick('name');
    default: return pick('name');
  }
}

/** `service: orders`, `service: { id: ... }` or `service: { name: ... }` as a parent reference. */
function asReference(value: unknown): EntityRef | undefined {
  if (typeof value === 'string') return { name: value };
  if (value && typeof value === 'object') {
    const { id, name, username } = value as Record<string, unknown>;
    const ref: EntityRef = {};
    if (typeof id === 'string') ref.id = id;
    if (typeof name === 'string') ref.name = name;
    else if (typeof username === 'string') ref.name = username;
    return ref.id || ref.name ? ref : undefined;
  }
  return undefined;
}

/** Entities of several documents, grouped by type in file order. */
export class DeclarativeEntitySource implements EntitySource {
  readonly kind = 'declarative' as const;
  readonly label: string;
  private readonly byType = new Map<EntityType, Entity[]>();

  constructor(documents: readonly DeclarativeDocument[]) {
    this.label = documents.map((d) => d.file).join(', ');
    for (const document of documents) this.collect(document);
  }

  async each(type: EntityType, visit: (entity: Entity) => void): Promise<void> {
    for (const entity of this.byType.get(type) ?? []) visit(entity);
  }

  async count(type: EntityType): Promise<number> {
    return this.byType.get(type)?.length ?? 0;
  }

  /** Every entity of a type, synchronously (tests, fix-output). */
  list(type: EntityType): readonly Entity[] {
    return this.byType.get(type) ?? [];
  }

  private collect(document: DeclarativeDocument): void {
    for (const [collection, type] of Object.entries(TOP_LEVEL)) {
      const items = document.root[collection];
      if (!Array.isArray(items)) continue;
      this.walk(document, type, items, [collection], undefined);
    }
  }

  private walk(
    document: DeclarativeDocument,
    type: EntityType | 'consumer_group',
    items: unknown[],
    path: (string | number)[],
    inherited: Partial<Record<Parent, EntityRef>> | undefined,
  ): void {
    const nested = NESTED[type];
    for (let index = 0; index < items.length; index++) {
      const fields = items[index];
      if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) continue;
      const record = fields as Record<string, unknown>;
      // Most entities carry no reference field: copy the parents only when one is found.
      let parents = inherited;
      for (const key of REFERENCE_FIELDS) {
        if (record[key] === undefined) continue;
        const ref = asReference(record[key]);
        if (ref) parents = { ...parents, [key]: ref };
      }
      if (type !== 'consumer_group') {
        const entity = new DeclarativeEntity(type, record, document, path, index);
        if (parents) entity.parents = parents;
        this.add(entity);
      }
      if (!nested) continue;
      // certificates have no name; their id (when given) identifies them
      const self = asReference({ id: record.id, name: record.name ?? record.username });
      const parentKey = PARENT_KEY[type as keyof typeof PARENT_KEY];
      const childParents = self && parentKey ? { ...parents, [parentKey]: self } : parents;
      for (const key in nested) {
        const children = record[key];
        if (Array.isArray(children)) this.walk(document, nested[key], children, [...path, index, key], childParents);
      }
    }
  }

  private add(entity: Entity): void {
    let list = this.byType.get(entity.type);
    if (!list) this.byType.set(entity.type, (list = []));
    list.push(entity);
  }
}

/** Types that become a parent reference of what they nest. */
const PARENT_KEY = {
  service: 'service', route: 'route', consumer: 'consumer', consumer_group: 'consumer_group', upstream: 'upstream', certificate: 'certificate',
} as const;
