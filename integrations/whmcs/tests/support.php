<?php
/** What the module's tests share: WHMCS-shaped $params, a canned console (php -S) and a signed S3 call. */

final class Staas
{
    /** Environment the test command gives: the running console and simulator, and a token. */
    public static function env(string $name): string
    {
        $value = getenv($name);
        if ($value === false || $value === '') {
            throw new \RuntimeException("$name is not set: the module's tests run inside the project's test command (npm test), which starts the console and sets it.");
        }
        return $value;
    }

    /** $params as WHMCS passes them to a module function for one service. */
    public static function params(string $consoleUrl, string $token, array $extra = []): array
    {
        $url = parse_url($consoleUrl);
        return array_replace_recursive([
            'serverid' => 7,
            'serverhostname' => $url['host'] . (isset($url['port']) ? ':' . $url['port'] : '') . ($url['path'] ?? ''),
            'serverip' => '',
            'serversecure' => ($url['scheme'] ?? 'http') === 'https' ? 'on' : '',
            'serveraccesshash' => $token,
            'serviceid' => 1001,
            'userid' => 42,
            'clientsdetails' => ['email' => 'jane.doe@example.com', 'userid' => 42],
            'configoption1' => 'WHMCS Basic',
            'configoption2' => '',
            'configoption3' => '',
            'configoption4' => '',
            'model' => new StaasTestService(),
            'staas_timeout' => 10,
        ], $extra);
    }

    /** @var resource[] */
    private static $servers = [];

    /** A console stand-in answering canned JSON (tests/canned-console.php), on a free port. */
    public static function cannedConsole(): string
    {
        $socket = stream_socket_server('tcp://127.0.0.1:0');
        $port = (int) substr(strrchr(stream_socket_get_name($socket, false), ':'), 1);
        fclose($socket);
        $process = proc_open([PHP_BINARY, '-S', "127.0.0.1:$port", __DIR__ . '/canned-console.php'], [0 => ['pipe', 'r'], 1 => ['file', '/dev/null', 'a'], 2 => ['file', '/dev/null', 'a']], $pipes);
        self::$servers[] = $process;
        for ($i = 0; $i < 100; $i++) {
            $probe = @fsockopen('127.0.0.1', $port, $errno, $errstr, 0.1);
            if ($probe) {
                fclose($probe);
                return "http://127.0.0.1:$port";
            }
            usleep(50000);
        }
        throw new \RuntimeException('the canned console did not start');
    }

    public static function stopServers(): void
    {
        foreach (self::$servers as $process) {
            proc_terminate($process);
        }
        self::$servers = [];
    }

    /** A port nothing listens on. */
    public static function closedPort(): string
    {
        $socket = stream_socket_server('tcp://127.0.0.1:0');
        $port = (int) substr(strrchr(stream_socket_get_name($socket, false), ':'), 1);
        fclose($socket);
        return "http://127.0.0.1:$port";
    }

    /** An S3 request signed (V2) with a customer's key pair: the status the S3 side answers. */
    public static function s3Status(string $gateway, string $keyId, string $secret, string $method = 'GET', string $path = '/', string $body = ''): int
    {
        $date = gmdate('D, d M Y H:i:s \G\M\T');
        $type = $body === '' ? '' : 'application/octet-stream';
        $signature = base64_encode(hash_hmac('sha1', "$method\n\n$type\n$date\n$path", $secret, true));
        $curl = curl_init($gateway . $path);
        curl_setopt_array($curl, [
            CURLOPT_CUSTOMREQUEST => $method,
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_HTTPHEADER => array_merge(["Date: $date", "Authorization: AWS $keyId:$signature", 'Expect:'], $type ? ["Content-Type: $type"] : ['Content-Type:']),
            CURLOPT_POSTFIELDS => $body === '' ? null : $body,
        ]);
        curl_exec($curl);
        $status = (int) curl_getinfo($curl, CURLINFO_RESPONSE_CODE);
        curl_close($curl);
        return $status;
    }

    /** The last module-log entries, for checking what was logged and that no secret was. */
    public static function log(): array
    {
        return $GLOBALS['staas_module_log'];
    }
}
