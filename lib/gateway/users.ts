import 'server-only';
import { gatewayJson, gatewayJsonList, gatewayRequest, type GatewayConnection } from './request';
import { newKeysSchema, userInfoSchema, userSummarySchema, type UserSummary } from './schemas';

/** `ostor-users`: users and their key pairs. Mutations name the user by email, as the API does. */

/** Every user, read as the answer arrives: a bare array as in the vendor guide, or `{"Users": [...]}`. */
export const listUsers = (conn?: GatewayConnection) =>
  gatewayJsonList(
    { method: 'GET', service: 'ostor-users', retry: true },
    { key: 'Users', bare: true, numbersUnread: true },
    () => {
      const users: UserSummary[] = [];
      return { add: (v) => users.push(userSummarySchema.parse(v)), result: () => users };
    },
    conn,
  );

export const getUserById = (id: string, conn?: GatewayConnection) =>
  gatewayJson({ method: 'GET', service: 'ostor-users', params: [['id', id]], retry: true }, (v) => userInfoSchema.parse(v), conn);

export const getUserByEmail = (email: string, conn?: GatewayConnection) =>
  gatewayJson({ method: 'GET', service: 'ostor-users', params: [['emailAddress', email]], retry: true }, (v) => userInfoSchema.parse(v), conn);

export const createUser = (email: string, conn?: GatewayConnection) =>
  gatewayJson({ method: 'PUT', service: 'ostor-users', params: [['emailAddress', email]] }, (v) => newKeysSchema.parse(v), conn);

export const setUserState = (email: string, state: 'enabled' | 'disabled', conn?: GatewayConnection) =>
  gatewayRequest(
    { method: 'POST', service: 'ostor-users', params: [['emailAddress', email], [state === 'enabled' ? 'enable' : 'disable', null]], retry: true },
    conn,
  );

export const deleteUser = (email: string, conn?: GatewayConnection) =>
  gatewayRequest({ method: 'DELETE', service: 'ostor-users', params: [['emailAddress', email]] }, conn);

/** A new key pair for the user, or for one of its accounts. Never retried: a retry could make a third pair. */
export const generateKey = (email: string, account: string | null, conn?: GatewayConnection) =>
  gatewayJson(
    {
      method: 'POST',
      service: 'ostor-users',
      params: [['emailAddress', email], ...(account ? ([['accountName', account]] as [string, string][]) : []), ['genKey', null]],
    },
    (v) => newKeysSchema.parse(v),
    conn,
  );

export const revokeKey = (email: string, account: string | null, keyId: string, conn?: GatewayConnection) =>
  gatewayRequest(
    {
      method: 'POST',
      service: 'ostor-users',
      params: [['emailAddress', email], ...(account ? ([['accountName', account]] as [string, string][]) : []), ['revokeKey', keyId]],
    },
    conn,
  );
