import { NO_STORE } from '@/lib/api/handler';

/** The process is up and answering. No session needed; nothing else said. */
export const GET = () => Response.json({ status: 'live' }, { headers: NO_STORE });
