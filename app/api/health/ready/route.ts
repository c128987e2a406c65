import { NO_STORE } from '@/lib/api/handler';
import { readiness } from '@/lib/health';

/** Whether this instance can serve: database reachable, migrations current, gateway answering (503 if not). */
export async function GET() {
  const { ready, checks } = await readiness();
  return Response.json({ status: ready ? 'ready' : 'not-ready', checks }, { status: ready ? 200 : 503, headers: NO_STORE });
}
