import { NextResponse } from 'next/server';
import { env } from '@/lib/config/env';
import { openApiDocument } from '@/lib/v1/openapi';

/** The API's description: public (it holds no secret), for client generators and the /api-docs page. */
export function GET() {
  return NextResponse.json(openApiDocument(env().NEXTAUTH_URL.replace(/\/$/, '')), { headers: { 'cache-control': 'public, max-age=300' } });
}
