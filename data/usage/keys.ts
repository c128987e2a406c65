/** Query keys of usage: figures, traces, the jobs and the statistics objects. */
export const usageKeys = {
  all: ['usage'] as const,
  series: (endpoint: string, params: Record<string, string>) => ['usage', 'series', endpoint, params] as const,
  trace: (params: Record<string, string>) => ['usage', 'trace', params] as const,
  job: (kind: string) => ['usage', 'job', kind] as const,
  statistics: () => ['usage', 'statistics'] as const,
  object: (name: string) => ['usage', 'statistics', name] as const,
};
