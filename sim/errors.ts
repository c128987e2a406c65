/** An S3-style error: rendered as S3 XML with the message also in `X-Amz-Err-Message`. */
export class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** More elements of the error document, as S3 adds them (the right `Region`, say). */
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const invalidArgument = (message: string) => new S3Error(400, 'InvalidArgument', message);
export const accessDenied = (message = 'Access Denied') => new S3Error(403, 'AccessDenied', message);
export const noSuchUser = (who: string) => new S3Error(404, 'NoSuchUser', `The user ${who} does not exist`);
export const noSuchBucket = (name: string) =>
  new S3Error(404, 'NoSuchBucket', `The specified bucket does not exist: ${name}`);
export const noSuchAccount = (name: string) =>
  new S3Error(404, 'NoSuchAccount', `The account ${name} does not exist`);
export const noSuchKey = (message = 'The specified key does not exist.') => new S3Error(404, 'NoSuchKey', message);
export const methodNotAllowed = (method: string, what: string) =>
  new S3Error(405, 'MethodNotAllowed', `The method ${method} is not allowed on ${what}`);
