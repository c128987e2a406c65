import { describe, expect, it } from 'vitest';
import { errorFromResponse } from './errors';

describe('errorFromResponse', () => {
  it('words a known S3 code in our own words', () => {
    const error = errorFromResponse(503, new Headers(), '<?xml version="1.0"?><Error><Code>SlowDown</Code><Message>slow</Message></Error>');
    expect(error.message).toBe('The gateway is rate-limiting requests. Try again in a moment.');
  });

  it('takes a code named like an object property as unknown, not as a message', () => {
    for (const code of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      for (const body of [`<Error><Code>${code}</Code><Message>odd</Message></Error>`, JSON.stringify({ code, message: 'odd' })]) {
        const error = errorFromResponse(400, new Headers(), body);
        expect(typeof error.message, `${code} in ${body}`).toBe('string');
        expect(error.message).toBe('The gateway refused the request (HTTP 400). It said: odd');
        expect(error.code).toBe(code);
      }
    }
  });
});
