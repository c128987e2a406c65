import type { BlockList } from 'node:net';

export type TrustedProxies = { kind: 'none' } | { kind: 'count'; count: number } | { kind: 'list'; list: BlockList };
export function parseTrustedProxies(raw: string | undefined): TrustedProxies;
export function normaliseAddress(raw: unknown): string | null;
export function clientAddressOf(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustedProxies): string;
