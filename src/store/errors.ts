// Outcomes a caller must tell a user about, raised by repositories whatever the database.
// Their messages are plain sentences because commands show them as they are.

export class StoreConflictError extends Error {
  override name = 'StoreConflictError';
}

export class AlreadyTrackedError extends StoreConflictError {
  constructor(
    readonly mediaId: number,
    readonly nickname: string,
  ) {
    super(`That anime is already on this server's list as "${nickname}".`);
  }
}

export class NicknameTakenError extends StoreConflictError {
  constructor(readonly nickname: string) {
    super(`The nickname "${nickname}" is already used by another anime on this server's list.`);
  }
}

export class ListFullError extends StoreConflictError {
  constructor(readonly limit: number) {
    super(`This server's list is full (${limit} anime).`);
  }
}

export class NotTrackedError extends StoreConflictError {
  constructor(readonly mediaId: number) {
    super("That anime is not on this server's list.");
  }
}

export class SubscribersFullError extends StoreConflictError {
  constructor(readonly limit: number) {
    super(`This anime already has the most members that can subscribe to it (${limit}).`);
  }
}
