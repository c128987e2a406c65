import { z } from 'zod';
import { V1, type V1Endpoint } from './contract';

/**
 * `/api/v1/openapi.json`: OpenAPI 3.1, generated from the very zod schemas the routes parse their
 * input and answers with (lib/v1/contract.ts). Nothing here is written twice by hand.
 */

const errorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string().meta({ description: 'What is wrong, in words.' }), requestId: z.string(), fields: z.record(z.string(), z.string()).optional() }) })
  .meta({ id: 'Error' });

const COMMON: Record<number, string> = {
  401: 'No token, or a wrong, expired or revoked one',
  403: 'The token lacks the scope, or is used from an address it may not be used from',
  422: 'Bad input: `fields` names each field and what is wrong with it',
  429: 'Over the token’s rate limit (20 requests/s, 40 at once): see Retry-After',
  502: 'The gateway failed or answered something unreadable',
  503: 'The gateway cannot be reached or is busy',
};

type Described = V1Endpoint & { params?: Record<string, z.ZodType> };

function parameters(e: Described) {
  const out: unknown[] = [];
  for (const [name, schema] of Object.entries(e.params ?? {})) out.push({ name, in: 'path', required: true, schema: z.toJSONSchema(schema, { io: 'input' }), description: schema.meta()?.description });
  if (e.query) {
    const shape = (e.query as z.ZodObject).shape as Record<string, z.ZodType>;
    for (const [name, schema] of Object.entries(shape)) {
      const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { description?: string };
      out.push({ name, in: 'query', required: !schema.safeParse(undefined).success, schema: json, description: schema.meta()?.description ?? json.description });
    }
  }
  if (e.idempotencyKey) out.push({ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 }, description: 'The same key with the same body answers the same service; with another body, a 409.' });
  return out;
}

export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const schemas: Record<string, unknown> = {};
  const ref = (schema: z.ZodType, io: 'input' | 'output') => {
    const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
    const { $defs, $schema: _, ...rest } = json as { $defs?: Record<string, Record<string, unknown>>; $schema?: string };
    for (const [k, v] of Object.entries($defs ?? {})) schemas[k] = v;
    return rest;
  };
  for (const [name, e] of Object.entries(V1) as [string, Described][]) {
    const responses: Record<string, unknown> = {
      200: { description: e.statuses?.[200] ?? 'OK', content: { 'application/json': { schema: ref(e.answer, 'output') } } },
    };
    for (const [status, description] of Object.entries({ ...COMMON, ...e.statuses })) {
      if (status === '200') continue;
      responses[status] = { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    }
    (paths[e.path] ??= {})[e.method.toLowerCase()] = {
      operationId: name,
      summary: e.summary,
      ...(e.description ? { description: e.description } : {}),
      tags: [e.path.startsWith('/api/v1/usage') || name.endsWith('Usage') ? 'Usage' : e.path.startsWith('/api/v1/plans') ? 'Plans' : e.path.startsWith('/api/v1/jobs') ? 'Jobs' : 'Services'],
      security: [{ token: [] }],
      ...(e.scope ? { 'x-scope': e.scope } : {}),
      parameters: parameters(e),
      ...(e.body ? { requestBody: { required: e.method === 'POST' && name === 'createService', content: { 'application/json': { schema: ref(e.body, 'input') } } } } : {}),
      responses,
    };
  }
  ref(errorSchema, 'output');
  const document = {
    openapi: '3.1.0',
    info: {
      title: 'staas-console API for billing systems',
      version: '1.0.0',
      description:
        'Drives the lifecycle of S3 storage services (create, suspend, change plan, rotate keys, terminate), hands out usage for invoicing and signs customers in. Every call takes an API token made on the console’s API tokens page: `Authorization: Bearer <token>`. Each operation names the scope it needs in `x-scope`.',
    },
    servers: [{ url: serverUrl }],
    components: { securitySchemes: { token: { type: 'http', scheme: 'bearer', description: 'An API token: stc_<id>_<secret>' } }, schemas },
    paths,
  };
  // zod names shared schemas under $defs; in OpenAPI they live under components.schemas.
  return JSON.parse(JSON.stringify(document).replaceAll('"#/$defs/', '"#/components/schemas/')) as typeof document;
}

const written = new Map<string, string>();

/**
 * The document as its route sends it, made once per console address: making it takes 12-18 ms of
 * the server's one thread, and the route needs no session.
 */
export function openApiText(serverUrl: string): string {
  let text = written.get(serverUrl);
  if (text === undefined) {
    text = JSON.stringify(openApiDocument(serverUrl));
    // One console answers at one address; a few kept at most whatever it is told.
    if (written.size >= 4) written.clear();
    written.set(serverUrl, text);
  }
  return text;
}
