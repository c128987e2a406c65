import { NextResponse } from 'next/server';
import { env } from '@/lib/config/env';
import { openApiText } from '@/lib/v1/openapi';

/** The API's description: public (it holds no secret), for client generators and the /api-docs page. */
export function GET() {
  return new NextResponse(openApiText(env().NEXTAUTH_URL.replace(/\/$/, '')), { headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' } });
}
