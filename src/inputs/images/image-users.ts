// Who uses an image reference: the compose services and Kubernetes containers whose `image:` it
// is, the Dockerfile stage that starts FROM it. Kong's own compose file runs one image in three
// services (kong-migrations, kong-migrations-up, kong); a finding about the image is one finding
// that names the three, not three of the same text (reportPerImage below).

import type { ReportDescriptor, RuleContext } from '../../engine/define-rule';
import type { FileOrigin } from '../../model/origin';
import type { ContainerEnv } from './container-env';
import type { ImageUser } from './image-ref';

/** Names on each reference the containers whose `image:` is written on its line (one line may serve several through a YAML anchor). */
export function attachUsers(images: readonly { origin: FileOrigin; users?: ImageUser[] }[], containers: readonly ContainerEnv[]): void {
  const byLine = new Map<string, ImageUser[]>();
  for (const container of containers) {
    if (!container.imageOrigin) continue;
    const key = lineKey(container.imageOrigin);
    const user: ImageUser = { kind: container.platform === 'compose' ? 'service' : 'container', name: container.userName, origin: container.origin };
    const list = byLine.get(key);
    if (list) list.push(user);
    else byLine.set(key, [user]);
  }
  if (byLine.size === 0) return;
  for (const image of images) {
    const users = byLine.get(lineKey(image.origin));
    if (users) image.users = users;
  }
}

const lineKey = (origin: FileOrigin) => `${origin.line}\u0000${origin.file}`;

const PLURAL: Record<ImageUser['kind'], string> = { service: 'services', container: 'containers', stage: 'stages' };

/**
 * ` (services kong-migrations, kong-migrations-up, kong)` for a reference several use; '' for one
 * user or none, so the message of a single service reads as it always did.
 */
export function describeUsers(users: readonly ImageUser[]): string {
  if (users.length < 2) return '';
  const kinds = new Set(users.map((user) => user.kind));
  if (kinds.size === 1 && users.every((user) => user.name !== undefined)) {
    return ` (${PLURAL[users[0].kind]} ${users.map((user) => user.name).join(', ')})`;
  }
  return ` (${users.map((user) => (user.name !== undefined ? `${user.kind} ${user.name}` : `the ${user.kind} of line ${user.origin.line}`)).join(', ')})`;
}

interface Group<MessageId extends string> {
  descriptor: ReportDescriptor<MessageId>;
  users: ImageUser[];
}

/**
 * A reporter for rules that judge image references: findings alike in all but their line (same
 * message, data, severity and hop, same file) become one, at the first one's line, with the users
 * of every one listed in the `users` data field. Findings of other images or files stay apart.
 * The rule lists `users` in volatileData: a service added to the file keeps the fingerprint.
 */
export function reportPerImage<MessageId extends string>(ctx: RuleContext<MessageId>): { report(descriptor: ReportDescriptor<MessageId>, image: { users?: ImageUser[] }): void; flush(): void } {
  const groups = new Map<string, Group<MessageId>>();
  return {
    report(descriptor, image) {
      const key = groupKey(descriptor);
      const group = groups.get(key);
      if (group) group.users.push(...(image.users ?? []));
      else groups.set(key, { descriptor, users: [...(image.users ?? [])] });
    },
    flush() {
      for (const { descriptor, users } of groups.values()) {
        ctx.report({ ...descriptor, data: { ...descriptor.data, users: describeUsers(users) } });
      }
      groups.clear();
    },
  };
}

function groupKey(descriptor: ReportDescriptor<string>): string {
  const { at, data, ...rest } = descriptor;
  // Only references of one file merge; anything that is not a file position stays its own finding.
  const where = at.kind === 'file' ? at.file : JSON.stringify(at);
  return JSON.stringify([where, rest.messageId, rest.severity ?? '', String(rest.since ?? ''), rest.remediation ?? '', rest.docsUrl ?? '', data ?? {}]);
}
