<?php
/**
 * A console stand-in for failure cases and exact conversions (run by `php -S`): what it answers
 * depends on the path. `/slow/...` takes 5 seconds; `/refusing/...` answers the gateway's refusal
 * in the console's error envelope; `/garbled/...` answers HTML; everything else answers usage
 * lines with known figures.
 */
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
header('Content-Type: application/json');
$auth = $_SERVER['HTTP_AUTHORIZATION'] ?? '';
if ($auth !== 'Bearer canned-token') {
    http_response_code(401);
    echo json_encode(['error' => ['code' => 'unauthenticated', 'message' => 'This API token is not valid.', 'requestId' => 'req-401']]);
    return;
}
if (strpos($path, '/slow/') === 0) {
    sleep(5);
}
if (strpos($path, '/refusing/') === 0) {
    http_response_code(502);
    echo json_encode(['error' => ['code' => 'gateway_refused', 'message' => 'The gateway refused the request: AccessDenied.', 'requestId' => 'req-502']]);
    return;
}
if (strpos($path, '/garbled/') === 0) {
    header('Content-Type: text/html');
    http_response_code(200);
    echo '<html><body>Bad gateway</body></html>';
    return;
}
$route = preg_replace('#^/(slow|plain)#', '', $path);
if ($route === '/api/v1/usage') {
    $cursor = $_GET['cursor'] ?? null;
    $line = function ($id, $stored, $quota, $out) {
        return ['serviceId' => $id, 'userId' => 'u' . $id, 'email' => "s$id@example.com", 'state' => 'active', 'month' => $_GET['month'], 'storageGbMonth' => '1.500000000', 'gbIn' => '0.100000000', 'gbOut' => $out, 'requests' => ['put' => '1', 'get' => '2', 'list' => '3', 'other' => '4', 'total' => '10'], 'storedBytes' => $stored, 'quotaBytes' => $quota, 'collectedAt' => null, 'sampledAt' => null];
    };
    echo json_encode($cursor === null
        ? ['month' => $_GET['month'], 'items' => [$line('11', 2500000000, 10000000000, '1.234567891'), $line('12', 400, null, '0.000000000')], 'next' => '12']
        : ['month' => $_GET['month'], 'items' => [$line('13', null, 5000000000, '3.000000000'), $line('other-system', 1, null, '1.0')], 'next' => null]);
    return;
}
if (preg_match('#^/api/v1/services/(\d+)$#', $route, $m)) {
    echo json_encode(['serviceId' => $m[1], 'userId' => '0123456789abcdef', 'email' => 'jane+s1@example.com', 'state' => 'suspended', 'suspendedReason' => 'unpaid', 'plan' => ['id' => 'p', 'name' => 'Basic'], 'planStatus' => 'applied', 'drift' => [], 'quota' => ['limitBytes' => 10000000000, 'usedBytes' => 2500000000], 'accessKeyIds' => ['0123456789abcdefAAAA'], 'buckets' => 1, 'usage' => ['month' => '2026-11', 'storageGbMonth' => '1.500000000', 'gbIn' => '0.100000000', 'gbOut' => '2.000000000', 'requests' => ['put' => '1', 'get' => '2', 'list' => '3', 'other' => '4', 'total' => '10'], 'storedBytes' => 2500000000, 'quotaBytes' => 10000000000, 'collectedAt' => '2026-11-29T10:00:00.000Z', 'sampledAt' => null], 'endpoint' => 'https://s3.example.com', 'region' => 'us-east-1', 'createdAt' => '2026-11-01T00:00:00.000Z', 'terminatedAt' => null]);
    return;
}
http_response_code(404);
echo json_encode(['error' => ['code' => 'not_found', 'message' => 'No such route here.', 'requestId' => 'req-404']]);
