<?php
/**
 * WHMCS usage billing (WHMCS 7.9+): per service, storage in GB-month and data downloaded in GB
 * this month, as the console invoices them. A tenant is the service's S3 user email (the
 * service's "domain" field, set when the service is created).
 */

namespace StaasConsole\Whmcs;

use WHMCS\UsageBilling\Contracts\Metrics\MetricInterface;
use WHMCS\UsageBilling\Contracts\Metrics\ProviderInterface;
use WHMCS\UsageBilling\Metrics\Metric;
use WHMCS\UsageBilling\Metrics\Units\GigaBytes;
use WHMCS\UsageBilling\Metrics\Usage;

if (interface_exists(ProviderInterface::class)) {
    final class MetricProvider implements ProviderInterface
    {
        /** @var array */
        private $params;

        public function __construct(array $params)
        {
            $this->params = $params;
        }

        public function metrics()
        {
            return [
                new Metric('storage_gb_month', 'Storage', MetricInterface::TYPE_PERIOD_MONTH, new GigaBytes('GB-month', 'GB-month', 'GB-month', null, 'GB-month')),
                new Metric('download_gb', 'Data downloaded', MetricInterface::TYPE_PERIOD_MONTH, new GigaBytes()),
            ];
        }

        /** @return array<string, MetricInterface[]> tenant => metrics with usage */
        public function usage()
        {
            $client = ApiClient::fromParams($this->params, 'staas_log');
            $out = [];
            $cursor = null;
            do {
                $page = $client->call('GET', '/api/v1/usage', null, ['month' => gmdate('Y-m'), 'limit' => '1000'] + ($cursor !== null ? ['cursor' => $cursor] : []), [], 'MetricProvider');
                foreach ($page['items'] as $line) {
                    $out[(string) $line['email']] = $this->withUsage($line);
                }
                $cursor = $page['next'] ?? null;
            } while ($cursor !== null);
            return $out;
        }

        /** @return MetricInterface[] */
        public function tenantUsage($tenant)
        {
            $all = $this->usage();
            return $all[(string) $tenant] ?? $this->metrics();
        }

        private function withUsage(array $line): array
        {
            [$storage, $download] = $this->metrics();
            return [
                $storage->withUsage(new Usage((float) $line['storageGbMonth'])),
                $download->withUsage(new Usage((float) $line['gbOut'])),
            ];
        }
    }
}
