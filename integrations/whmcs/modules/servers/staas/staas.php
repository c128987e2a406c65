<?php
/**
 * WHMCS provisioning module for S3 storage sold through staas-console.
 *
 * Every action is one call of the console's API for billing systems (/api/v1), so it is
 * authorised by an API token, audited under that token's name and plan-aware. WHMCS never holds a
 * customer's secret key and never signs a gateway call itself.
 *
 * Server:  hostname = the console's address (a port may follow), "secure" = https,
 *          access hash = an API token with the scopes provisioning, usage:read and sso.
 * Product: the plan, how the S3 user's email is formed, whether termination purges buckets,
 *          whether users that already exist on the gateway are adopted.
 */

if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

require_once __DIR__ . '/lib/ApiClient.php';
require_once __DIR__ . '/lib/MetricProvider.php';

use StaasConsole\Whmcs\ApiClient;
use StaasConsole\Whmcs\ApiException;

const STAAS_DEFAULT_EMAIL_FORMAT = '{localpart}+s{serviceid}@{domain}';

function staas_MetaData()
{
    return [
        'DisplayName' => 'S3 Storage (staas-console)',
        'APIVersion' => '1.1',
        'RequiresServer' => true,
        'DefaultNonSSLPort' => '80',
        'DefaultSSLPort' => '443',
        'ServiceSingleSignOnLabel' => 'Open storage console',
        'AdminSingleSignOnLabel' => 'Open in the storage console',
        'ListAccountsUniqueIdentifierDisplayName' => 'S3 user email',
        'ListAccountsUniqueIdentifierField' => 'domain',
        'ListAccountsProductField' => 'configoption1',
    ];
}

function staas_ConfigOptions()
{
    return [
        'Plan' => [
            'Type' => 'text',
            'Size' => '40',
            'Loader' => 'staas_LoadPlans',
            'SimpleMode' => true,
            'Description' => 'The console plan this product sells (quota, bucket quota, limits).',
        ],
        'S3 user email' => [
            'Type' => 'text',
            'Size' => '50',
            'Default' => STAAS_DEFAULT_EMAIL_FORMAT,
            'SimpleMode' => true,
            'Description' => 'How the S3 user’s email is formed: {localpart} and {domain} of the client’s email, {serviceid}, {clientid}. The default is unique per service.',
        ],
        'Purge on terminate' => [
            'Type' => 'yesno',
            'SimpleMode' => true,
            'Description' => 'Empty and delete the customer’s buckets when the service is terminated. Off: termination is refused while buckets remain.',
        ],
        'Adopt existing users' => [
            'Type' => 'yesno',
            'Description' => 'Bind an S3 user that already exists with the same email (services made by the vendor guide’s scripts) instead of refusing.',
        ],
    ];
}

/** Writes one API exchange to WHMCS's module log, secrets masked. */
function staas_log(string $action, string $request, string $response, array $mask): void
{
    if (function_exists('logModuleCall')) {
        logModuleCall('staas', $action, $request, $response, '', $mask);
    }
}

function staas_client(array $params): ApiClient
{
    return ApiClient::fromParams($params, 'staas_log');
}

function staas_serviceId(array $params): string
{
    return (string) (int) ($params['serviceid'] ?? 0);
}

function staas_plan(array $params): string
{
    $plan = trim((string) ($params['configoption1'] ?? ''));
    if ($plan === '') {
        throw new ApiException('The product has no plan: choose one in the product’s Module Settings.', 0, 'configuration');
    }
    return $plan;
}

/** The S3 user's email from the product's format (see staas_ConfigOptions). */
function staas_email(array $params): string
{
    $format = trim((string) ($params['configoption2'] ?? '')) ?: STAAS_DEFAULT_EMAIL_FORMAT;
    $client = (string) ($params['clientsdetails']['email'] ?? '');
    $at = strrpos($client, '@');
    if ($at === false) {
        throw new ApiException('The client has no valid email address to form the S3 user’s email from.', 0, 'configuration');
    }
    return strtolower(strtr($format, [
        '{localpart}' => substr($client, 0, $at),
        '{domain}' => substr($client, $at + 1),
        '{serviceid}' => staas_serviceId($params),
        '{clientid}' => (string) (int) ($params['userid'] ?? $params['clientsdetails']['userid'] ?? 0),
    ]));
}

function staas_yes(array $params, int $option): bool
{
    $value = $params['configoption' . $option] ?? '';
    return $value === 'on' || $value === 'yes' || $value === '1' || $value === 1 || $value === true;
}

/** Runs one action: 'success' or the console's sentence. */
function staas_run(callable $action): string
{
    try {
        $action();
        return 'success';
    } catch (ApiException $e) {
        return $e->getMessage();
    } catch (\Throwable $e) {
        return 'The storage module failed: ' . $e->getMessage();
    }
}

/** @return array<string, string> plan name => plan name */
function staas_LoadPlans(array $params)
{
    try {
        $answer = staas_client($params)->call('GET', '/api/v1/plans', null, [], [], 'LoadPlans');
    } catch (ApiException $e) {
        throw new \Exception($e->getMessage());
    }
    $plans = [];
    foreach ($answer['items'] ?? [] as $plan) {
        $plans[(string) $plan['name']] = (string) $plan['name'];
    }
    return $plans;
}

function staas_TestConnection(array $params)
{
    try {
        $client = staas_client($params);
        $client->call('GET', '/api/v1/plans', null, [], [], 'TestConnection');
        $missing = [];
        try {
            $client->call('GET', '/api/v1/usage', null, ['month' => gmdate('Y-m'), 'limit' => '1'], [], 'TestConnection');
        } catch (ApiException $e) {
            if ($e->status !== 403) {
                throw $e;
            }
            $missing[] = 'usage:read';
        }
        try {
            $client->call('POST', '/api/v1/services/staas-connection-test/sso', [], [], [], 'TestConnection');
        } catch (ApiException $e) {
            if ($e->status === 403) {
                $missing[] = 'sso';
            } elseif ($e->status !== 404) {
                throw $e;
            }
        }
        if ($missing) {
            return ['success' => false, 'error' => 'The console and the token are fine, but the token lacks the scope(s) ' . implode(', ', $missing) . ': make a token with provisioning, usage:read and sso.'];
        }
        return ['success' => true, 'error' => ''];
    } catch (ApiException $e) {
        if ($e->status === 401) {
            return ['success' => false, 'error' => 'The console refused the API token in the access hash: ' . $e->getMessage()];
        }
        if ($e->status === 403) {
            return ['success' => false, 'error' => 'The API token may not provision: ' . $e->getMessage()];
        }
        return ['success' => false, 'error' => $e->getMessage()];
    }
}

function staas_CreateAccount(array $params)
{
    return staas_run(function () use ($params) {
        $serviceId = staas_serviceId($params);
        $body = ['serviceId' => $serviceId, 'email' => staas_email($params), 'plan' => staas_plan($params)];
        if (staas_yes($params, 4)) {
            $body['adopt'] = true;
        }
        // The same key for the same service: a create repeated after a timeout makes no second user.
        $created = staas_client($params)->call('POST', '/api/v1/services', $body, [], ['Idempotency-Key' => 'whmcs-service-' . $serviceId], 'CreateAccount');
        staas_remember($params, $created);
    });
}

/** Keeps the S3 user id, its email and access key id on the service; never the secret key. */
function staas_remember(array $params, array $service): void
{
    $model = $params['model'] ?? null;
    if (!is_object($model)) {
        return;
    }
    $model->username = (string) ($service['accessKeyId'] ?? '');
    $model->domain = (string) ($service['email'] ?? '');
    if (method_exists($model, 'save')) {
        $model->save();
    }
    if (isset($model->serviceProperties) && is_object($model->serviceProperties)) {
        $model->serviceProperties->save(['S3 user id' => (string) ($service['userId'] ?? ''), 'Access key id' => (string) ($service['accessKeyId'] ?? '')]);
    }
}

function staas_SuspendAccount(array $params)
{
    return staas_run(function () use ($params) {
        $reason = trim((string) ($params['suspendreason'] ?? ''));
        staas_client($params)->call('POST', '/api/v1/services/' . staas_serviceId($params) . '/suspend', $reason !== '' ? ['reason' => $reason] : [], [], [], 'SuspendAccount');
    });
}

function staas_UnsuspendAccount(array $params)
{
    return staas_run(function () use ($params) {
        staas_client($params)->call('POST', '/api/v1/services/' . staas_serviceId($params) . '/unsuspend', [], [], [], 'UnsuspendAccount');
    });
}

function staas_TerminateAccount(array $params)
{
    return staas_run(function () use ($params) {
        staas_client($params)->call('DELETE', '/api/v1/services/' . staas_serviceId($params), null, ['purge' => staas_yes($params, 3) ? 'true' : 'false'], [], 'TerminateAccount');
    });
}

function staas_ChangePackage(array $params)
{
    return staas_run(function () use ($params) {
        staas_client($params)->call('PUT', '/api/v1/services/' . staas_serviceId($params) . '/plan', ['plan' => staas_plan($params)], [], [], 'ChangePackage');
    });
}

/** Admin button: applies the product's plan again (after the plan was edited, or to undo drift). */
function staas_ReapplyPlan(array $params)
{
    return staas_ChangePackage($params);
}

/** A new key pair; with two already, the older one is replaced. Returns the answer (the secret once). */
function staas_newKeys(array $params, string $action): array
{
    $client = staas_client($params);
    $id = staas_serviceId($params);
    $service = $client->call('GET', '/api/v1/services/' . $id, null, [], [], $action);
    $keys = $service['accessKeyIds'] ?? [];
    $body = count($keys) >= 2 ? ['revoke' => (string) $keys[0]] : [];
    $answer = $client->call('POST', '/api/v1/services/' . $id . '/keys', $body, [], [], $action);
    staas_remember($params, ['userId' => $service['userId'] ?? '', 'email' => $service['email'] ?? '', 'accessKeyId' => $answer['accessKeyId'] ?? '']);
    return $answer;
}

/** Admin button "Rotate keys": a new pair replaces the oldest; the customer sees the new secret from the client area. */
function staas_AdminRotateKeys(array $params)
{
    return staas_run(function () use ($params) {
        // Only the older of two pairs is revoked: the customer's current key keeps working. The
        // new secret is not shown to the admin; the customer makes their own from the client area.
        staas_newKeys($params, 'AdminRotateKeys');
    });
}

function staas_AdminCustomButtonArray()
{
    return ['Rotate keys' => 'AdminRotateKeys', 'Re-apply plan' => 'ReapplyPlan'];
}

function staas_ClientAreaCustomButtonArray()
{
    return ['New key pair' => 'ClientNewKeys'];
}

function staas_ClientAreaAllowedFunctions()
{
    return ['ClientNewKeys'];
}

/** Client area "New key pair": made now, its secret shown on this page once and stored nowhere. */
function staas_ClientNewKeys(array $params)
{
    try {
        $answer = staas_newKeys($params, 'ClientNewKeys');
        return [
            'templatefile' => 'templates/newkeys',
            'vars' => ['accessKeyId' => $answer['accessKeyId'], 'secretAccessKey' => $answer['secretAccessKey'], 'revoked' => $answer['revoked'] ?? null],
        ];
    } catch (ApiException $e) {
        return ['templatefile' => 'templates/error', 'vars' => ['error' => $e->getMessage()]];
    }
}

function staas_ServiceSingleSignOn(array $params)
{
    try {
        $answer = staas_client($params)->call('POST', '/api/v1/services/' . staas_serviceId($params) . '/sso', [], [], [], 'ServiceSingleSignOn');
        return ['success' => true, 'redirectTo' => $answer['url']];
    } catch (ApiException $e) {
        return ['success' => false, 'errorMsg' => $e->getMessage()];
    }
}

/** Staff sign in to the console with their own staff account: the link opens the user's page there. */
function staas_AdminSingleSignOn(array $params)
{
    try {
        $client = staas_client($params);
        $service = $client->call('GET', '/api/v1/services/' . staas_serviceId($params), null, [], [], 'AdminSingleSignOn');
        $path = !empty($service['userId']) ? '/users/' . rawurlencode((string) $service['userId']) : '/users';
        return ['success' => true, 'redirectTo' => $client->baseUrl() . $path];
    } catch (ApiException $e) {
        return ['success' => false, 'errorMsg' => $e->getMessage()];
    }
}

function staas_AdminServicesTabFields(array $params)
{
    try {
        $client = staas_client($params);
        $s = $client->call('GET', '/api/v1/services/' . staas_serviceId($params), null, [], [], 'AdminServicesTabFields');
    } catch (ApiException $e) {
        return ['Storage console' => htmlspecialchars($e->getMessage(), ENT_QUOTES)];
    }
    $e = function ($v) {
        return htmlspecialchars((string) $v, ENT_QUOTES);
    };
    $drift = '';
    foreach ($s['drift'] ?? [] as $d) {
        $drift .= '<br>' . $e($d['setting']) . ': plan ' . $e($d['plan']) . ', gateway ' . $e($d['gateway']);
    }
    $link = !empty($s['userId']) ? ' <a href="' . $e($client->baseUrl() . '/users/' . rawurlencode($s['userId'])) . '" target="_blank" rel="noopener">open in the console</a>' : '';
    return [
        'S3 user' => $e($s['email']) . ' (' . $e($s['userId'] ?? 'not created yet') . ')' . $link,
        'State' => $e($s['state']) . (!empty($s['suspendedReason']) ? ' — ' . $e($s['suspendedReason']) : ''),
        'Plan' => $e($s['plan']['name'] ?? 'none') . ' — ' . $e($s['planStatus']) . $drift,
        'Access key ids' => $e(implode(', ', $s['accessKeyIds'] ?? [])),
    ];
}

/** Bytes for people, decimal units as the console shows them. */
function staas_bytes($bytes): string
{
    if ($bytes === null) {
        return 'unlimited';
    }
    $units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
    $value = (float) $bytes;
    $i = 0;
    while ($value >= 1000 && $i < count($units) - 1) {
        $value /= 1000;
        $i++;
    }
    return ($i === 0 ? (string) (int) $value : number_format($value, $value < 10 ? 2 : 1)) . ' ' . $units[$i];
}

function staas_ClientArea(array $params)
{
    try {
        $s = staas_client($params)->call('GET', '/api/v1/services/' . staas_serviceId($params), null, [], [], 'ClientArea');
    } catch (ApiException $e) {
        return ['templatefile' => 'templates/error', 'vars' => ['error' => $e->getMessage()]];
    }
    $quota = $s['quota'] ?? null;
    $usage = $s['usage'] ?? null;
    return [
        'templatefile' => 'templates/clientarea',
        'vars' => [
            'endpoint' => $s['endpoint'],
            'region' => $s['region'],
            'state' => $s['state'],
            'accessKeyIds' => $s['accessKeyIds'] ?? [],
            'used' => staas_bytes($quota['usedBytes'] ?? 0),
            'limit' => staas_bytes($quota['limitBytes'] ?? null),
            'percent' => !empty($quota['limitBytes']) ? min(100, round(100 * ($quota['usedBytes'] ?? 0) / $quota['limitBytes'], 1)) : null,
            'month' => $usage['month'] ?? gmdate('Y-m'),
            'storageGbMonth' => $usage['storageGbMonth'] ?? '0',
            'gbIn' => $usage['gbIn'] ?? '0',
            'gbOut' => $usage['gbOut'] ?? '0',
            'requests' => $usage['requests']['total'] ?? '0',
            'collectedAt' => $usage['collectedAt'] ?? null,
        ],
    ];
}

/**
 * Daily (once per server): every service's disk and bandwidth figures from the console, a page of
 * 1,000 services per call. WHMCS counts in MB (10^6 bytes here, as the console does); unlimited is 0.
 */
function staas_UsageUpdate(array $params)
{
    try {
        $client = staas_client($params);
        $month = gmdate('Y-m');
        $cursor = null;
        $updated = 0;
        do {
            $query = ['month' => $month, 'limit' => '1000'] + ($cursor !== null ? ['cursor' => $cursor] : []);
            $page = $client->call('GET', '/api/v1/usage', null, $query, [], 'UsageUpdate');
            foreach ($page['items'] as $line) {
                if (!ctype_digit((string) $line['serviceId'])) {
                    continue;
                }
                $updated += \WHMCS\Database\Capsule::table('tblhosting')
                    ->where('id', (int) $line['serviceId'])
                    ->where('server', (int) $params['serverid'])
                    ->update([
                        'diskusage' => (int) round(($line['storedBytes'] ?? 0) / 1e6),
                        'disklimit' => $line['quotaBytes'] === null ? 0 : (int) round($line['quotaBytes'] / 1e6),
                        'bwusage' => (int) round((float) $line['gbOut'] * 1000),
                        'bwlimit' => 0,
                        'lastupdate' => gmdate('Y-m-d H:i:s'),
                    ]);
            }
            $cursor = $page['next'] ?? null;
        } while ($cursor !== null);
        return 'success';
    } catch (ApiException $e) {
        return $e->getMessage();
    }
}

/** WHMCS usage billing: storage GB-month and GB downloaded per service, for per-unit invoicing. */
function staas_MetricProvider(array $params)
{
    return new \StaasConsole\Whmcs\MetricProvider($params);
}

/** For WHMCS's server sync: every service the console knows, to import. */
function staas_ListAccounts(array $params)
{
    try {
        $client = staas_client($params);
        $accounts = [];
        $cursor = null;
        $states = ['active' => 'Active', 'suspended' => 'Suspended', 'terminated' => 'Terminated', 'terminating' => 'Terminated', 'incomplete' => 'Pending'];
        do {
            $page = $client->call('GET', '/api/v1/services', null, ['limit' => '1000'] + ($cursor !== null ? ['cursor' => $cursor] : []), [], 'ListAccounts');
            foreach ($page['items'] as $s) {
                $accounts[] = [
                    'email' => $s['email'],
                    'username' => $s['userId'] ?? '',
                    'domain' => $s['email'],
                    'uniqueIdentifier' => $s['email'],
                    'product' => $s['plan']['name'] ?? '',
                    'primaryip' => '',
                    'created' => substr(str_replace('T', ' ', (string) $s['createdAt']), 0, 19),
                    'status' => $states[$s['state']] ?? 'Active',
                ];
            }
            $cursor = $page['next'] ?? null;
        } while ($cursor !== null);
        return ['success' => true, 'accounts' => $accounts];
    } catch (ApiException $e) {
        return ['success' => false, 'error' => $e->getMessage()];
    }
}
