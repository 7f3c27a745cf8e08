import { dirname } from 'node:path'

/**
 * What a failed file-system call means for the user, in words rather than an errno: one line
 * naming the problem, for the path given on the command line.
 * @example fsProblem(err, '/nope/x.json') // 'the directory /nope does not exist'
 */
export const fsProblem = (err: unknown, path: string): string => {
  const code = (err as NodeJS.ErrnoException | undefined)?.code
  switch (code) {
    case 'ENOENT':
      return `no such file, or the directory ${dirname(path)} does not exist`
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'EISDIR':
      return 'it is a directory'
    case 'ENOTDIR':
      return `a part of ${dirname(path)} is not a directory`
    case 'ENOSPC':
      return 'no space left on the device'
    case 'EROFS':
      return 'the file system is read-only'
    default:
      return code ?? (err instanceof Error ? err.message : String(err))
  }
}
