/** node-postgres's own words for a connection it lost or could not get. */
const lostConnectionMessage =
  /timeout exceeded when trying to connect|connection terminated|connection is closed|encountered a connection error/i;
const nodeSystemError = /^E[A-Z]+$/;
/** Shutdowns an operator or a crash caused, and a server not accepting connections yet. */
const shutdownSqlStates = new Set(['57P01', '57P02', '57P03']);

/**
 * Whether `error` itself (not its causes) says the database could not be reached or the
 * connection was lost: SQLSTATE class 08, a shutdown, a refused or reset socket (ECONNREFUSED,
 * ECONNRESET, …), or node-postgres reporting a lost connection.
 */
export function isLostConnection(error: object): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code.startsWith('08') || shutdownSqlStates.has(code)) return true;
    if (nodeSystemError.test(code)) return true;
  }
  return error instanceof Error && lostConnectionMessage.test(error.message);
}
