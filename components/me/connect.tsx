'use client';

import { useState } from 'react';
import type { Overview } from '@/lib/objects/contract';
import { CopyButton } from '../ui/copy-button';

type Tool = 'aws' | 'rclone' | 's3cmd' | 'js';

const TOOLS: { id: Tool; label: string }[] = [
  { id: 'aws', label: 'AWS CLI' },
  { id: 'rclone', label: 'rclone' },
  { id: 's3cmd', label: 's3cmd' },
  { id: 'js', label: 'AWS SDK for JavaScript' },
];

const SECRET = 'YOUR_SECRET_ACCESS_KEY';

/** Set-ups to copy for the common S3 clients, filled in with the endpoint, region and an access key id; the secret is left for the customer to paste. */
export function setups(endpoint: string, region: string, keyId: string): Record<Tool, { file: string; text: string }> {
  const url = new URL(endpoint);
  const https = url.protocol === 'https:';
  return {
    aws: {
      file: 'Run in a shell (adds the profile “storage” to ~/.aws)',
      text: [
        `aws configure set aws_access_key_id ${keyId} --profile storage`,
        `aws configure set aws_secret_access_key ${SECRET} --profile storage`,
        `aws configure set region ${region} --profile storage`,
        `aws configure set endpoint_url ${endpoint} --profile storage`,
        `aws configure set s3.addressing_style path --profile storage`,
        '',
        'aws s3 ls --profile storage',
      ].join('\n'),
    },
    rclone: {
      file: '~/.config/rclone/rclone.conf',
      text: ['[storage]', 'type = s3', 'provider = Other', `access_key_id = ${keyId}`, `secret_access_key = ${SECRET}`, `endpoint = ${endpoint}`, `region = ${region}`, 'force_path_style = true', '', '# then: rclone lsd storage:'].join(
        '\n',
      ),
    },
    s3cmd: {
      file: '~/.s3cfg',
      text: ['[default]', `access_key = ${keyId}`, `secret_key = ${SECRET}`, `host_base = ${url.host}`, `host_bucket = ${url.host}`, `bucket_location = ${region}`, `use_https = ${https ? 'True' : 'False'}`, '', '# then: s3cmd ls'].join('\n'),
    },
    js: {
      file: 'npm install @aws-sdk/client-s3',
      text: [
        "import { S3Client, ListBucketsCommand } from '@aws-sdk/client-s3';",
        '',
        'const s3 = new S3Client({',
        `  endpoint: '${endpoint}',`,
        `  region: '${region}',`,
        '  forcePathStyle: true,',
        `  credentials: { accessKeyId: '${keyId}', secretAccessKey: process.env.S3_SECRET_ACCESS_KEY },`,
        '});',
        '',
        'console.log((await s3.send(new ListBucketsCommand({}))).Buckets);',
      ].join('\n'),
    },
  };
}

/** The S3 address, region and addressing style, with a ready set-up per client. */
export function Connect({ me }: { me: Overview }) {
  const [tool, setTool] = useState<Tool>('aws');
  const keyId = me.sessionKeyId ?? me.keys[0]?.accessKeyId ?? 'YOUR_ACCESS_KEY_ID';
  const all = setups(me.connection.endpoint, me.connection.region, keyId);
  const shown = all[tool];
  return (
    <div className="space-y-3 text-sm">
      <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[10rem_1fr]">
        <dt className="text-slate-600">Endpoint</dt>
        <dd className="flex flex-wrap items-center gap-2">
          <span className="font-mono text-xs break-all" data-testid="endpoint">
            {me.connection.endpoint}
          </span>
          <CopyButton value={me.connection.endpoint} label="Copy endpoint" />
        </dd>
        <dt className="text-slate-600">Region</dt>
        <dd className="font-mono text-xs">{me.connection.region}</dd>
        <dt className="text-slate-600">Addressing</dt>
        <dd>Path style (https://endpoint/bucket/key)</dd>
      </dl>
      <div role="tablist" aria-label="S3 client" className="flex flex-wrap gap-1 border-b border-slate-200">
        {TOOLS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tool === t.id}
            onClick={() => setTool(t.id)}
            className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${tool === t.id ? 'border-brand-700 font-medium text-brand-800' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={TOOLS.find((t) => t.id === tool)!.label} className="space-y-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <span className="text-xs text-slate-600">{shown.file}</span>
          <CopyButton value={shown.text} label="Copy set-up" />
        </div>
        <pre data-testid="client-setup" className="overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100">
          {shown.text}
        </pre>
        <p className="text-xs text-slate-500">
          Replace {SECRET} with the secret of key pair <span className="font-mono">{keyId}</span>: it was shown once, when the pair was made. Lost it? Make a new key pair below.
        </p>
      </div>
    </div>
  );
}
