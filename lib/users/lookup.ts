import 'server-only';
import { notFound } from '../api/errors';
import { GatewayError } from '../gateway/errors';
import { getUserById } from '../gateway/users';

/** The gateway user behind a console URL's id; 404 in words when there is none. */
export async function userOr404(id: string) {
  if (!/^[0-9a-f]{16}$/.test(id)) throw notFound('There is no such user: a user id is 16 hexadecimal digits.');
  try {
    return await getUserById(id);
  } catch (error) {
    if (error instanceof GatewayError && error.status === 404) throw notFound('There is no such user on the gateway. It may have been deleted.');
    throw error;
  }
}
