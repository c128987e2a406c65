<?php

use PHPUnit\Framework\TestCase;

/**
 * The module's functions called as WHMCS calls them, against the running console and simulator
 * (the project's test command starts both and passes their addresses and a token): a service's
 * whole life, checked on the gateway itself.
 */
final class LifecycleTest extends TestCase
{
    private function params(array $extra = []): array
    {
        return Staas::params(Staas::env('STAAS_CONSOLE_URL'), Staas::env('STAAS_TOKEN'), $extra);
    }

    /** An admin call to the gateway, signed with its system key: what is really there. */
    private function gateway(string $method, string $query): array
    {
        $date = gmdate('D, d M Y H:i:s \G\M\T');
        $service = explode('&', $query)[0];
        $signature = base64_encode(hash_hmac('sha1', "$method\n\n\n$date\n/?$service", Staas::env('STAAS_SYSTEM_SECRET'), true));
        $curl = curl_init(Staas::env('STAAS_GATEWAY_URL') . '/?' . $query);
        curl_setopt_array($curl, [CURLOPT_CUSTOMREQUEST => $method, CURLOPT_RETURNTRANSFER => true, CURLOPT_HTTPHEADER => ["Date: $date", 'Authorization: AWS ' . Staas::env('STAAS_SYSTEM_KEY_ID') . ":$signature", 'Content-Type:']]);
        $text = (string) curl_exec($curl);
        $status = (int) curl_getinfo($curl, CURLINFO_RESPONSE_CODE);
        curl_close($curl);
        return ['status' => $status, 'json' => json_decode($text, true)];
    }

    /** Hands a sign-on address to the test command (STAAS_SSO_FILE), which follows it in a browser. */
    private function share(string $which, string $url, string $email): void
    {
        $file = Staas::env('STAAS_SSO_FILE');
        $shared = is_file($file) ? json_decode((string) file_get_contents($file), true) : [];
        $shared[$which] = ['url' => $url, 'email' => $email];
        file_put_contents($file, json_encode($shared));
    }

    public function testTheLifeOfAService(): void
    {
        $id = random_int(100000, 999999);
        $params = $this->params(['serviceid' => $id, 'configoption3' => '']);
        $email = "jane.doe+s$id@example.com";

        $test = staas_TestConnection($params);
        $this->assertTrue($test['success'], $test['error']);
        $this->assertArrayHasKey('WHMCS Basic', staas_LoadPlans($params));

        // Create: the user exists on the gateway with the plan's quota and limits; WHMCS keeps no secret.
        $this->assertSame('success', staas_CreateAccount($params));
        $model = $params['model'];
        $this->assertSame($email, $model->domain);
        $this->assertMatchesRegularExpression('/^[0-9a-f]{16}[A-Za-z0-9]{4}$/', $model->username);
        $this->assertMatchesRegularExpression('/^[0-9a-f]{16}$/', $model->serviceProperties->values['S3 user id']);
        $user = $this->gateway('GET', 'ostor-users&emailAddress=' . rawurlencode($email));
        $this->assertSame(200, $user['status']);
        $this->assertSame(5, (int) $this->gateway('GET', 'ostor-quotas&emailAddress=' . rawurlencode($email))['json']['size']);
        $this->assertSame(100, (int) (float) $this->gateway('GET', 'ostor-limits&emailAddress=' . rawurlencode($email))['json']['ops:get']);
        foreach (Staas::log() as $entry) {
            $this->assertStringNotContainsString($user['json']['AWSAccessKeys'][0]['AWSSecretAccessKey'], $entry['request'] . $entry['response'], 'no secret in the module log');
            $this->assertStringNotContainsString(Staas::env('STAAS_TOKEN'), $entry['request'] . $entry['response'], 'no token in the module log');
        }

        // A create repeated after a timeout makes no second user.
        $this->assertSame('success', staas_CreateAccount($this->params(['serviceid' => $id])));
        $users = array_filter($this->gateway('GET', 'ostor-users')['json'], function ($u) use ($email) {
            return $u['UserEmail'] === $email;
        });
        $this->assertCount(1, $users);

        // The customer's key (made from the client area, its secret shown once).
        $keys = staas_ClientNewKeys($params);
        $this->assertSame('templates/newkeys', $keys['templatefile']);
        $key = [$keys['vars']['accessKeyId'], $keys['vars']['secretAccessKey']];
        $s3 = Staas::env('STAAS_GATEWAY_URL');
        $this->assertSame(200, Staas::s3Status($s3, $key[0], $key[1]));

        $this->assertSame('success', staas_SuspendAccount($params + ['suspendreason' => 'Overdue invoice']));
        $this->assertSame(403, Staas::s3Status($s3, $key[0], $key[1]), 'a suspended customer’s key is refused by the S3 side');
        $this->assertSame('success', staas_SuspendAccount($params), 'repeating a suspend is harmless');
        $this->assertSame('success', staas_UnsuspendAccount($params));
        $this->assertSame(200, Staas::s3Status($s3, $key[0], $key[1]));

        // Admin "Rotate keys": with two pairs, the older (the one made at create) is replaced; the customer's stays.
        $original = $user['json']['AWSAccessKeys'][0]['AWSAccessKeyId'];
        $this->assertSame('success', staas_AdminRotateKeys($params));
        $now = array_column($this->gateway('GET', 'ostor-users&emailAddress=' . rawurlencode($email))['json']['AWSAccessKeys'], 'AWSAccessKeyId');
        $this->assertCount(2, $now);
        $this->assertNotContains($original, $now);
        $this->assertContains($key[0], $now);
        $this->assertSame(200, Staas::s3Status($s3, $key[0], $key[1]));

        $pro = $this->params(['serviceid' => $id, 'configoption1' => 'WHMCS Pro']);
        $this->assertSame('success', staas_ChangePackage($pro));
        $this->assertSame(50, (int) $this->gateway('GET', 'ostor-quotas&emailAddress=' . rawurlencode($email))['json']['size']);
        $this->assertSame('success', staas_ReapplyPlan($pro));
        $tab = staas_AdminServicesTabFields($pro);
        $this->assertStringContainsString('WHMCS Pro — applied', $tab['Plan']);
        $this->assertStringContainsString('active', $tab['State']);

        // Usage: the figures UsageUpdate writes are the console's for this month.
        $this->assertSame(200, Staas::s3Status($s3, $key[0], $key[1], 'PUT', "/whmcs-$id"));
        $this->assertSame(200, Staas::s3Status($s3, $key[0], $key[1], 'PUT', "/whmcs-$id/hello.txt", str_repeat('x', 2048)));
        $GLOBALS['staas_tblhosting'] = [$id => ['server' => 7]];
        $this->assertSame('success', staas_UsageUpdate($pro));
        $row = $GLOBALS['staas_tblhosting'][$id];
        $this->assertSame(50000, $row['disklimit'], 'the Pro plan’s 50 GB, in MB');
        $client = new \StaasConsole\Whmcs\ApiClient(Staas::env('STAAS_CONSOLE_URL'), Staas::env('STAAS_TOKEN'));
        $console = $client->call('GET', "/api/v1/services/$id/usage", null, ['month' => gmdate('Y-m')]);
        $this->assertSame((int) round(($console['storedBytes'] ?? 0) / 1e6), $row['diskusage']);
        $this->assertSame((int) round((float) $console['gbOut'] * 1000), $row['bwusage']);

        // Single sign-on: this address is kept unused until the service is terminated; the test
        // command then finds it refused in the browser (the adopted service's address works).
        $sso = staas_ServiceSingleSignOn($params);
        $this->assertTrue($sso['success'], $sso['errorMsg'] ?? '');
        $this->assertStringContainsString('/sso/', $sso['redirectTo']);
        $this->share('terminated', $sso['redirectTo'], $email);
        $admin = staas_AdminSingleSignOn($params);
        $this->assertSame(Staas::env('STAAS_CONSOLE_URL') . '/users/' . $model->serviceProperties->values['S3 user id'], $admin['redirectTo']);

        // ListAccounts lists it, for WHMCS's import.
        $list = staas_ListAccounts($params);
        $this->assertTrue($list['success']);
        $mine = array_values(array_filter($list['accounts'], function ($a) use ($email) {
            return $a['uniqueIdentifier'] === $email;
        }));
        $this->assertSame('Active', $mine[0]['status']);
        $this->assertSame('WHMCS Pro', $mine[0]['product']);

        // Terminate: refused while a bucket remains, then with purge.
        $refused = staas_TerminateAccount($params);
        $this->assertStringContainsString("whmcs-$id", $refused);
        $this->assertStringContainsString('purge=true', $refused);
        $this->assertSame('success', staas_TerminateAccount($this->params(['serviceid' => $id, 'configoption3' => 'on'])));
        for ($i = 0; $i < 100 && $this->gateway('GET', 'ostor-users&emailAddress=' . rawurlencode($email))['status'] !== 404; $i++) {
            usleep(100000);
        }
        $this->assertSame(404, $this->gateway('GET', 'ostor-users&emailAddress=' . rawurlencode($email))['status'], 'the purge removed the user');
        $after = staas_ListAccounts($params);
        $gone = array_values(array_filter($after['accounts'], function ($a) use ($email) {
            return $a['uniqueIdentifier'] === $email;
        }));
        $this->assertSame('Terminated', $gone[0]['status']);
    }

    public function testAdoptingAUserMadeByTheGuidesScripts(): void
    {
        $id = random_int(100000, 999999);
        $email = "legacy+s$id@example.com";
        $this->assertSame(200, $this->gateway('PUT', 'ostor-users&emailAddress=' . rawurlencode($email))['status']);
        $params = $this->params(['serviceid' => $id, 'configoption2' => 'legacy+s{serviceid}@example.com']);
        $this->assertStringContainsString('already exists', staas_CreateAccount($params));
        $adopting = $this->params(['serviceid' => $id, 'configoption2' => 'legacy+s{serviceid}@example.com', 'configoption4' => 'on']);
        $this->assertSame('success', staas_CreateAccount($adopting));
        $this->assertSame($email, $adopting['model']->domain);
        $sso = staas_ServiceSingleSignOn($adopting);
        $this->assertTrue($sso['success'], $sso['errorMsg'] ?? '');
        $this->share('live', $sso['redirectTo'], $email);
    }

    public function testAWrongTokenIsSaidInWords(): void
    {
        $params = Staas::params(Staas::env('STAAS_CONSOLE_URL'), 'stc_aaaaaaaaaaaa_' . str_repeat('A', 43));
        $test = staas_TestConnection($params);
        $this->assertFalse($test['success']);
        $this->assertSame('The console refused the API token in the access hash: This API token is not valid.', preg_replace('/ \(request id [^)]+\)/', '', $test['error']));
    }
}
