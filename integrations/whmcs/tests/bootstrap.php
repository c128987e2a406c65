<?php
/**
 * A small WHMCS stand-in for the module's tests: the functions and classes the module calls
 * (logModuleCall, Capsule's table updates, the usage-billing metric classes, a service model),
 * recorded in memory so that tests can read what the module did.
 */

namespace {
    define('WHMCS', true);

    $GLOBALS['staas_module_log'] = [];
    $GLOBALS['staas_tblhosting'] = [];

    function logModuleCall($module, $action, $request, $response, $processed = '', $replace = [])
    {
        // WHMCS masks every value of $replace in what it stores; so does the stand-in.
        $mask = function ($text) use ($replace) {
            foreach ((array) $replace as $secret) {
                if ((string) $secret !== '') {
                    $text = str_replace((string) $secret, '***', (string) $text);
                }
            }
            return $text;
        };
        $GLOBALS['staas_module_log'][] = ['module' => $module, 'action' => $action, 'request' => $mask($request), 'response' => $mask($response)];
    }

    /** The service model WHMCS passes as $params['model']. */
    final class StaasTestService
    {
        public $username = '';
        public $domain = '';
        public $saved = 0;
        public $serviceProperties;

        public function __construct()
        {
            $this->serviceProperties = new StaasTestProperties();
        }

        public function save()
        {
            $this->saved++;
        }
    }

    final class StaasTestProperties
    {
        public $values = [];

        public function save(array $values)
        {
            $this->values = array_merge($this->values, $values);
        }
    }
}

namespace WHMCS\Database {
    final class Capsule
    {
        public static function table($name)
        {
            return new StaasTestQuery($name);
        }
    }

    /** `tblhosting` rows by id; `where` narrows, `update` writes and answers how many rows changed. */
    final class StaasTestQuery
    {
        private $table;
        private $wheres = [];

        public function __construct($table)
        {
            $this->table = $table;
        }

        public function where($column, $value)
        {
            $this->wheres[$column] = $value;
            return $this;
        }

        public function update(array $values)
        {
            if ($this->table !== 'tblhosting') {
                throw new \LogicException('the module writes only tblhosting');
            }
            $count = 0;
            foreach ($GLOBALS['staas_tblhosting'] as $id => $row) {
                $row['id'] = $id;
                foreach ($this->wheres as $column => $value) {
                    if (($row[$column] ?? null) != $value) {
                        continue 2;
                    }
                }
                $GLOBALS['staas_tblhosting'][$id] = array_merge($GLOBALS['staas_tblhosting'][$id], $values);
                $count++;
            }
            return $count;
        }
    }
}

namespace WHMCS\UsageBilling\Contracts\Metrics {
    interface UsageInterface
    {
        public function value();
    }

    interface UnitInterface
    {
    }

    interface MetricInterface
    {
        const TYPE_SNAPSHOT = 'snapshot';
        const TYPE_PERIOD_DAY = 'day';
        const TYPE_PERIOD_MONTH = 'month';

        public function usage();

        public function withUsage(UsageInterface $usage);

        public function units();

        public function systemName();

        public function displayName();

        public function type();
    }

    interface ProviderInterface
    {
        public function metrics();

        public function tenantUsage($tenant);

        public function usage();
    }
}

namespace WHMCS\UsageBilling\Metrics {
    use WHMCS\UsageBilling\Contracts\Metrics\MetricInterface;
    use WHMCS\UsageBilling\Contracts\Metrics\UnitInterface;
    use WHMCS\UsageBilling\Contracts\Metrics\UsageInterface;

    final class Usage implements UsageInterface
    {
        private $value;

        public function __construct($value)
        {
            $this->value = $value;
        }

        public function value()
        {
            return $this->value;
        }
    }

    final class Metric implements MetricInterface
    {
        private $args;

        public function __construct($systemName, $displayName = null, $type = null, ?UnitInterface $units = null, ?UsageInterface $usage = null)
        {
            $this->args = [$systemName, $displayName ?? $systemName, $type ?? self::TYPE_SNAPSHOT, $units, $usage ?? new Usage(0)];
        }

        public function usage()
        {
            return $this->args[4];
        }

        public function withUsage(UsageInterface $usage)
        {
            return new self($this->args[0], $this->args[1], $this->args[2], $this->args[3], $usage);
        }

        public function units()
        {
            return $this->args[3];
        }

        public function systemName()
        {
            return $this->args[0];
        }

        public function displayName()
        {
            return $this->args[1];
        }

        public function type()
        {
            return $this->args[2];
        }
    }
}

namespace WHMCS\UsageBilling\Metrics\Units {
    class GigaBytes implements \WHMCS\UsageBilling\Contracts\Metrics\UnitInterface
    {
        public $suffix;

        public function __construct($name = 'Gigabytes', $single = null, $plural = null, $prefix = null, $suffix = 'GB')
        {
            $this->suffix = $suffix;
        }
    }
}

namespace {
    // Warnings and notices are failures: the module must answer in sentences, never with a PHP warning.
    set_error_handler(function ($severity, $message, $file, $line) {
        if (!(error_reporting() & $severity)) {
            return false; // silenced with @ on purpose (the tests' own port probes)
        }
        throw new \ErrorException($message, 0, $severity, $file, $line);
    });
    require __DIR__ . '/../modules/servers/staas/staas.php';
    require __DIR__ . '/support.php';
}
