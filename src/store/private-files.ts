// The data folder holds the database and the generated sealing key: only the account AniTrack
// runs as may read them. New folders are made 0700 and new files 0600. An existing file of
// ours (the database, its WAL files, the key file) loses any group or other access it has; an
// existing folder is left as it is, since it may be one the operator shares with other programs
// (DATABASE_URL=sqlite:./anitrack.db puts the database in the working folder).
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';

export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export function ensurePrivateFolder(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_FOLDER_MODE });
}

/** Creates an empty file with owner-only access, unless the file exists already. */
export function createPrivateFile(path: string): void {
  try {
    closeSync(openSync(path, 'wx', PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** Removes group and other access from a file that exists; a missing file is fine. */
export function restrictToOwner(path: string): void {
  let mode: number;
  try {
    mode = statSync(path).mode & 0o777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if ((mode & 0o077) === 0) return;
  try {
    chmodSync(path, mode & ~0o077);
  } catch (error) {
    // A file owned by another account (a shared volume): we can use it but not change it.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
  }
}
