import 'server-only';
import { gatewayJson, gatewayRequest, type GatewayConnection } from './request';
import { accountSchema } from './schemas';

/** `ostor-accounts`: extra credentials under one user. Listed inside `getUserBy…` (`Accounts`). */

export const createAccount = (email: string, name: string, conn?: GatewayConnection) =>
  gatewayJson(
    { method: 'PUT', service: 'ostor-accounts', params: [['emailAddress', email], ['accountName', name]] },
    (v) => accountSchema.parse(v),
    conn,
  );

export const deleteAccount = (email: string, name: string, conn?: GatewayConnection) =>
  gatewayRequest({ method: 'DELETE', service: 'ostor-accounts', params: [['emailAddress', email], ['accountName', name]] }, conn);
