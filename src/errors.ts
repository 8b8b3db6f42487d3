// Failures that are explained to the user in one line (no stack trace): bad settings, an unreadable
// corpus, a damaged index, a rejected bot token. Anything else is a bug and is reported as such.
export class AppError extends Error {
  override name = 'AppError';
}
