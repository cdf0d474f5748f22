import { dirname } from 'node:path';

// Why a file could not be read or written, in a few words an operator reads at a glance. Node's errors
// carry an errno code (ENOENT, EISDIR) that every loader used to print as it came; the same
// mistake (a folder given where a file belongs) then read differently for each kind of input.

/** A short cause for a file-system error: no stack, no errno number, the code only when unknown. */
export function fsErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file';
    case 'ENOTDIR': return 'a parent of the path is not a folder';
    case 'EISDIR': return 'it is a folder, not a file';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'ELOOP': return 'a loop of symbolic links';
    case 'ENAMETOOLONG': return 'the path is too long';
    case 'EMFILE':
    case 'ENFILE': return 'too many open files';
    default: return code ?? (error instanceof Error ? error.message : String(error));
  }
}

/**
 * A short cause for a failed write of `file`, in words an operator acts on. The folder is not
 * created for them: a typo in a path would scatter folders.
 */
export function fsWriteErrorReason(error: unknown, file: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': return `its folder ${dirname(file) || '.'} does not exist (create it first)`;
    case 'EISDIR': return 'it is a folder; name a file';
    case 'EROFS': return 'read-only file system';
    case 'ENOSPC': return 'no space left on the device';
    case 'EDQUOT': return 'disk quota exceeded';
    default: return fsErrorReason(error);
  }
}
