/** An answer of the console's API that is an error: its status, code, words, request id and the fields it names. */
export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | null = null,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}
