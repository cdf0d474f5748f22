// Whether a path names a file or a folder, for the loaders that look around an input. One stat
// in a try: a broken link, a loop or an unreadable parent answers "no" instead of throwing, and
// an existsSync before the stat would only add a second system call for the same answer.

import { statSync } from 'node:fs';

export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
