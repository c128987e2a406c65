import 'server-only';
import type { ApiTokenRow } from '../db/schema';
import type { TokenView } from './contract';

export const tokenViewOf = (r: ApiTokenRow): TokenView => ({
  id: r.id,
  name: r.name,
  scopes: r.scopes,
  allowedCidrs: r.allowedCidrs,
  expiresAt: r.expiresAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
  createdBy: r.createdBy,
  revokedAt: r.revokedAt?.toISOString() ?? null,
  lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  lastUsedAddress: r.lastUsedAddress,
});
