<?php
/**
 * The console's API for billing systems (/api/v1), as the module calls it: one bearer token, JSON
 * in and out, every failure turned into a sentence (ApiException), never a PHP warning.
 */

namespace StaasConsole\Whmcs;

final class ApiException extends \RuntimeException
{
    /** @var int HTTP status, or 0 when no answer came */
    public $status;
    /** @var string the console's error code, or a transport code (unreachable, timeout, invalid_answer) */
    public $errorCode;

    public function __construct(string $message, int $status, string $errorCode)
    {
        parent::__construct($message);
        $this->status = $status;
        $this->errorCode = $errorCode;
    }
}

final class ApiClient
{
    /** @var string */
    private $baseUrl;
    /** @var string */
    private $token;
    /** @var int */
    private $timeout;
    /** @var callable|null fn(string $action, string $request, string $response, array $mask) */
    private $log;

    public function __construct(string $baseUrl, string $token, int $timeoutSeconds = 20, ?callable $log = null)
    {
        $this->baseUrl = rtrim($baseUrl, '/');
        $this->token = $token;
        $this->timeout = max(1, $timeoutSeconds);
        $this->log = $log;
    }

    /**
     * The server WHMCS assigns to the product: hostname (with a port if any) is the console's
     * address, "secure" chooses https, the access hash holds the API token.
     */
    public static function fromParams(array $params, ?callable $log = null): self
    {
        $host = trim((string) ($params['serverhostname'] ?? ''));
        if ($host === '') {
            $host = trim((string) ($params['serverip'] ?? ''));
        }
        if ($host === '') {
            throw new ApiException('The server has no hostname: set it to the storage console’s address (e.g. console.example.com).', 0, 'configuration');
        }
        if (!preg_match('#^https?://#i', $host)) {
            $secure = !empty($params['serversecure']) && $params['serversecure'] !== 'off';
            $host = ($secure ? 'https://' : 'http://') . $host;
        }
        $token = trim((string) ($params['serveraccesshash'] ?? ''));
        if ($token === '') {
            throw new ApiException('The server has no access hash: paste an API token from the console’s API tokens page into it.', 0, 'configuration');
        }
        $timeout = (int) ($params['staas_timeout'] ?? 20);
        return new self($host, $token, $timeout, $log);
    }

    public function baseUrl(): string
    {
        return $this->baseUrl;
    }

    /**
     * @param array<string, string> $query
     * @param array<string, string> $headers
     * @return array<mixed> the answer's JSON
     */
    public function call(string $method, string $path, ?array $body = null, array $query = [], array $headers = [], string $action = 'api'): array
    {
        $url = $this->baseUrl . $path . ($query ? '?' . http_build_query($query) : '');
        $sent = ['Authorization: Bearer ' . $this->token, 'Accept: application/json'];
        foreach ($headers as $name => $value) {
            $sent[] = $name . ': ' . $value;
        }
        $payload = null;
        if ($body !== null) {
            $payload = json_encode((object) $body, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
            $sent[] = 'Content-Type: application/json';
        }
        $curl = curl_init($url);
        curl_setopt_array($curl, [
            CURLOPT_CUSTOMREQUEST => $method,
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_HTTPHEADER => $sent,
            CURLOPT_CONNECTTIMEOUT => min(10, $this->timeout),
            CURLOPT_TIMEOUT => $this->timeout,
            CURLOPT_FOLLOWLOCATION => false,
            CURLOPT_PROTOCOLS => CURLPROTO_HTTP | CURLPROTO_HTTPS,
        ]);
        if ($payload !== null) {
            curl_setopt($curl, CURLOPT_POSTFIELDS, $payload);
        }
        $text = curl_exec($curl);
        $errno = curl_errno($curl);
        $error = curl_error($curl);
        $status = (int) curl_getinfo($curl, CURLINFO_RESPONSE_CODE);
        curl_close($curl);

        $this->record($action, "$method $url" . ($payload !== null ? "\n$payload" : ''), $errno ? "cURL error $errno: $error" : "HTTP $status\n" . (string) $text);

        if ($errno === CURLE_OPERATION_TIMEDOUT) {
            throw new ApiException("The storage console at {$this->baseUrl} did not answer within {$this->timeout} seconds. Try again; a repeated create never makes a second user.", 0, 'timeout');
        }
        if ($errno !== 0) {
            throw new ApiException("The storage console at {$this->baseUrl} cannot be reached ($error). Check the server’s hostname and that the console is running.", 0, 'unreachable');
        }
        $json = json_decode((string) $text, true);
        if (!is_array($json)) {
            throw new ApiException("The storage console at {$this->baseUrl} answered something that is not its API (HTTP $status). Check the server’s hostname.", $status, 'invalid_answer');
        }
        if ($status >= 400 || isset($json['error'])) {
            $error = is_array($json['error'] ?? null) ? $json['error'] : [];
            $message = is_string($error['message'] ?? null) ? $error['message'] : "The storage console refused the request (HTTP $status).";
            $request = is_string($error['requestId'] ?? null) ? " (request id {$error['requestId']})" : '';
            throw new ApiException($message . $request, $status, is_string($error['code'] ?? null) ? $error['code'] : 'http_' . $status);
        }
        return $json;
    }

    /** The module's log, with the token and any secret key masked. */
    private function record(string $action, string $request, string $response): void
    {
        if ($this->log === null) {
            return;
        }
        $mask = [$this->token];
        if (preg_match_all('/"(?:secretAccessKey)"\s*:\s*"([^"]+)"/', $response, $m)) {
            $mask = array_merge($mask, $m[1]);
        }
        ($this->log)($action, $request, $response, $mask);
    }
}
