<?php

use PHPUnit\Framework\TestCase;

/**
 * The module against a console that is down, slow, refusing or garbled, and its exact
 * conversions and template: each failure is a sentence, never a PHP warning or a stack trace.
 */
final class OfflineTest extends TestCase
{
    /** @var string */
    private static $canned;

    public static function setUpBeforeClass(): void
    {
        self::$canned = Staas::cannedConsole();
    }

    public static function tearDownAfterClass(): void
    {
        Staas::stopServers();
    }

    private function console(string $prefix, array $extra = []): array
    {
        return Staas::params(self::$canned . $prefix, 'canned-token', $extra);
    }

    public function testConsoleDownIsASentence(): void
    {
        $params = Staas::params(Staas::closedPort(), 'canned-token');
        $this->assertStringContainsString('cannot be reached', staas_CreateAccount($params));
        $this->assertStringContainsString('cannot be reached', staas_SuspendAccount($params));
        $test = staas_TestConnection($params);
        $this->assertFalse($test['success']);
        $this->assertStringContainsString('cannot be reached', $test['error']);
        // Each call says it in its own words (curl's message names how long the refusal took).
        $list = staas_ListAccounts($params);
        $this->assertSame(['success', 'error'], array_keys($list));
        $this->assertFalse($list['success']);
        $this->assertStringContainsString('cannot be reached', $list['error']);
    }

    public function testConsoleSlowPastTheTimeoutIsASentence(): void
    {
        $started = microtime(true);
        $answer = staas_UnsuspendAccount($this->console('/slow', ['staas_timeout' => 1]));
        $this->assertStringContainsString('did not answer within 1 seconds', $answer);
        $this->assertLessThan(4.5, microtime(true) - $started, 'the timeout holds');
    }

    public function testGatewayRefusingComesBackInTheConsolesWords(): void
    {
        $this->assertSame('The gateway refused the request: AccessDenied. (request id req-502)', staas_TerminateAccount($this->console('/refusing')));
        $sso = staas_ServiceSingleSignOn($this->console('/refusing'));
        $this->assertFalse($sso['success']);
        $this->assertStringContainsString('AccessDenied', $sso['errorMsg']);
    }

    public function testAnAnswerThatIsNotTheApiIsASentence(): void
    {
        $this->assertStringContainsString('answered something that is not its API', staas_ChangePackage($this->console('/garbled')));
    }

    public function testWrongTokenSaysSo(): void
    {
        $test = staas_TestConnection(Staas::params(self::$canned, 'wrong-token'));
        $this->assertFalse($test['success']);
        $this->assertStringContainsString('refused the API token', $test['error']);
        $this->assertStringContainsString('not valid', staas_CreateAccount(Staas::params(self::$canned, 'wrong-token')));
    }

    public function testMissingSettingsAreSaidBeforeAnyCall(): void
    {
        $this->assertStringContainsString('no access hash', staas_CreateAccount($this->console('/plain', ['serveraccesshash' => ''])));
        $this->assertStringContainsString('no hostname', staas_CreateAccount($this->console('/plain', ['serverhostname' => ''])));
        $this->assertStringContainsString('no plan', staas_CreateAccount($this->console('/plain', ['configoption1' => ''])));
    }

    public function testUsageUpdateWritesMegabytesForEveryServiceOfThisServerOnly(): void
    {
        $GLOBALS['staas_tblhosting'] = [
            11 => ['server' => 7, 'diskusage' => 0],
            12 => ['server' => 7, 'diskusage' => 0],
            13 => ['server' => 7, 'diskusage' => 0],
            14 => ['server' => 8, 'diskusage' => 99],
        ];
        $this->assertSame('success', staas_UsageUpdate($this->console('/plain')));
        $rows = $GLOBALS['staas_tblhosting'];
        $this->assertSame([2500, 10000, 1235, 0], [$rows[11]['diskusage'], $rows[11]['disklimit'], $rows[11]['bwusage'], $rows[11]['bwlimit']]);
        $this->assertSame([0, 0, 0], [$rows[12]['diskusage'], $rows[12]['disklimit'], $rows[12]['bwusage']], 'unlimited is 0');
        $this->assertSame([0, 5000, 3000], [$rows[13]['diskusage'], $rows[13]['disklimit'], $rows[13]['bwusage']], 'the second page was read');
        $this->assertSame(99, $rows[14]['diskusage'], 'another server’s service is left alone');
    }

    public function testTheMetricProviderReportsStorageAndDownloadsPerTenant(): void
    {
        $provider = staas_MetricProvider($this->console('/plain'));
        $this->assertSame(['storage_gb_month', 'download_gb'], array_map(function ($m) {
            return $m->systemName();
        }, $provider->metrics()));
        $usage = $provider->usage();
        $this->assertSame([1.5, 1.234567891], [$usage['s11@example.com'][0]->usage()->value(), $usage['s11@example.com'][1]->usage()->value()]);
        $this->assertSame(3.0, $provider->tenantUsage('s13@example.com')[1]->usage()->value());
    }

    public function testTheClientAreaTemplateRendersUnderSmartyWithTheModulesVariablesEscaped(): void
    {
        require_once '/usr/share/php/smarty4/bootstrap.php';
        $area = staas_ClientArea($this->console('/plain'));
        $this->assertSame('templates/clientarea', $area['templatefile']);
        $smarty = new \Smarty();
        $smarty->setCompileDir(sys_get_temp_dir() . '/staas-smarty-' . getmypid());
        $smarty->assign($area['vars'] + ['serviceid' => 1001]);
        $smarty->assign('endpoint', 'https://s3.example.com/<script>');
        $html = $smarty->fetch(__DIR__ . '/../modules/servers/staas/' . $area['templatefile'] . '.tpl');
        $this->assertStringContainsString('https://s3.example.com/&lt;script&gt;', $html);
        $this->assertStringNotContainsString('<script>', $html);
        $this->assertStringContainsString('us-east-1', $html);
        $this->assertStringContainsString('0123456789abcdefAAAA', $html);
        $this->assertStringContainsString('2.50 GB of 10.0 GB (25%)', $html);
        $this->assertStringContainsString('1.500000000 GB-month', $html);
        $this->assertStringContainsString('This storage is suspended', $html);
        $this->assertStringContainsString('dosinglesignon=1', $html);
        $this->assertStringNotContainsString('secret', strtolower(strip_tags(str_replace('secret key was shown once', '', $html))));

        $error = staas_ClientArea(Staas::params(Staas::closedPort(), 'canned-token'));
        $smarty->assign($error['vars']);
        $this->assertStringContainsString('cannot be reached', $smarty->fetch(__DIR__ . '/../modules/servers/staas/' . $error['templatefile'] . '.tpl'));
    }

    public function testTheLogMasksTheToken(): void
    {
        staas_SuspendAccount($this->console('/refusing'));
        foreach (Staas::log() as $entry) {
            $this->assertStringNotContainsString('canned-token', $entry['request'] . $entry['response']);
        }
        $this->assertNotEmpty(Staas::log());
    }
}
