import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The boundaries eslint.config.mjs draws, each shown to hold: what it refuses, and what it lets through. */

const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, '..') });

async function refusals(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result.messages.filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message);
}

describe('code boundaries', () => {
  it('keeps zod and server code out of the browser: types only, apart from the browser-safe modules', async () => {
    expect(await refusals('components/x/a.tsx', "import { z } from 'zod';\nexport const a = z;\n")).toContain('@typescript-eslint/no-restricted-imports');
    expect(await refusals('components/x/a.tsx', "import { usersContract } from '@/lib/users/contract';\nexport const a = usersContract;\n")).toContain('@typescript-eslint/no-restricted-imports');
    expect(await refusals('data/x/a.ts', "import { env } from '../../lib/config/env';\nexport const a = env;\n")).toContain('@typescript-eslint/no-restricted-imports');
    expect(await refusals('components/x/a.tsx', "import type { UserList } from '@/lib/users/contract';\nexport type A = UserList;\n")).toEqual([]);
    expect(await refusals('components/x/a.tsx', "import { formatBytes } from '@/lib/format';\nexport const a = formatBytes;\n")).toEqual([]);
    expect(await refusals('components/x/a.tsx', "import { can } from '@/lib/auth/permissions';\nexport const a = can;\n")).toEqual([]);
  });

  it('sends components through the data layer: no fetch, no api()', async () => {
    expect(await refusals('components/x/a.tsx', "export const a = () => fetch('/api/users');\n")).toContain('no-restricted-globals');
    expect(await refusals('components/x/a.tsx', "import { api } from '@/data/api';\nexport const a = () => api('/api/users');\n")).toContain('@typescript-eslint/no-restricted-imports');
    expect(await refusals('components/x/a.tsx', "import { ApiClientError } from '@/data/api';\nexport const a = ApiClientError;\n")).toEqual([]);
    expect(await refusals('data/x/queries.ts', "export const a = () => fetch('/api/users');\n")).toContain('no-restricted-globals');
    expect(await refusals('data/api.ts', "export const a = () => fetch('/api/users');\n")).toEqual([]);
  });

  it('writes query keys only in the key modules', async () => {
    const inline = "import { useQuery } from '@/data/cache/hooks';\nexport const useA = () => useQuery({ queryKey: ['users', 'list'], queryFn: () => 1 });\n";
    expect(await refusals('components/x/a.tsx', inline)).toContain('no-restricted-syntax');
    expect(await refusals('data/x/mutations.ts', "export const a = (c: { setQueryData(k: unknown, v: unknown): void }) => c.setQueryData(['usage', 'job'], 1);\n")).toContain('no-restricted-syntax');
    expect(await refusals('data/x/keys.ts', "export const xKeys = { all: ['x'] as const };\n")).toEqual([]);
  });

  it('links pages with the kit’s Link, not next/link (which prefetches every link in view)', async () => {
    expect(await refusals('components/x/a.tsx', "import NextLink from 'next/link';\nexport const a = NextLink;\n")).toContain('@typescript-eslint/no-restricted-imports');
    expect(await refusals('data/x/a.ts', "import NextLink from 'next/link';\nexport const a = NextLink;\n")).toContain('@typescript-eslint/no-restricted-imports');
    expect(await refusals('components/x/a.tsx', "import { Link } from '../ui/link';\nexport const a = Link;\n")).toEqual([]);
  });

  it('writes numbers with lib/format.ts, never with Intl (whose first use loads ICU data into the server)', async () => {
    expect(await refusals('lib/x/a.ts', "export const a = (n: number) => `${n.toLocaleString('en')} GB`;\n")).toContain('no-restricted-properties');
    expect(await refusals('components/x/a.tsx', 'export const a = (n: bigint) => n.toLocaleString();\n')).toContain('no-restricted-properties');
    expect(await refusals('app/x/page.tsx', "export const a = new Intl.NumberFormat('en');\n")).toContain('no-restricted-properties');
    expect(await refusals('data/x/a.ts', 'export const a = (d: Date) => d.toLocaleDateString();\n')).toContain('no-restricted-properties');
    expect(await refusals('lib/x/a.ts', "import { formatNumber } from '../format';\nexport const a = (n: number) => `${formatNumber(n)} GB`;\n")).toEqual([]);
    expect(await refusals('lib/x/a.ts', 'export const a = (x: string[]) => x.sort((p, q) => p.localeCompare(q));\n')).toContain('no-restricted-properties');
    expect(await refusals('lib/x/a.ts', "import { compareText } from '../format';\nexport const a = (x: string[]) => x.sort(compareText);\n")).toEqual([]);
    // Tests may compare with Intl.
    expect(await refusals('lib/x/a.test.ts', "export const a = (n: number) => n.toLocaleString('en');\n")).toEqual([]);
  });

  it('makes a route’s schemas once, when its module loads, never per request in a handler', async () => {
    const head = "import { z } from 'zod';\nimport { query, route } from '@/lib/api/handler';\nconst base = z.object({ a: z.string() });\n";
    expect(await refusals('app/api/x/route.ts', `${head}export const GET = route('users.read', async ({ req }) => query(req, base.extend({ b: z.string() })));\n`)).toContain('no-restricted-syntax');
    expect(await refusals('app/api/x/route.ts', `${head}export const GET = route('users.read', async ({ req }) => query(req, z.object({ b: z.string() })));\n`)).toContain('no-restricted-syntax');
    expect(await refusals('app/api/x/route.ts', `${head}export async function GET(req: Request) { return base.pick({ a: true }).parse(req); }\n`)).toContain('no-restricted-syntax');
    expect(await refusals('app/api/x/route.ts', `${head}const extended = base.extend({ b: z.string() });\nexport const GET = route('users.read', async ({ req }) => query(req, extended));\n`)).toEqual([]);
  });

  it('keeps the gateway simulator free of the console', async () => {
    expect(await refusals('sim/store/a.ts', "import { env } from '../../lib/config/env';\nexport const a = env;\n")).toContain('@typescript-eslint/no-restricted-imports');
    expect(await refusals('sim/a.ts', "import { formatBytes } from '@/lib/format';\nexport const a = formatBytes;\n")).toContain('@typescript-eslint/no-restricted-imports');
    expect(await refusals('sim/store/a.ts', "import { holdPidFile } from '../../common/pid-file';\nexport const a = holdPidFile;\n")).toEqual([]);
    expect(await refusals('sim/store/a.ts', "import { a } from '../server';\nexport const b = a;\n")).toEqual([]);
  });
});
