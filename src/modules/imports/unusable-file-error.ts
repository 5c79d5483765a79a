/**
 * The whole file cannot be stored, because of what was found at `line`: its CSV structure cannot
 * be read there, or a row shows the file is not this survey's. The import writes nothing and
 * refuses the file with this message.
 */
export class UnusableFileError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'UnusableFileError';
  }
}
