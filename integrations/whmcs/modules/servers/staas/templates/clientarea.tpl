{* The customer's storage: where to connect, what is stored, this month's usage. No secret key is ever shown here. *}
<div class="staas-storage">
    <h3>Object storage (S3)</h3>
    {if $state == 'suspended'}
        <div class="alert alert-warning" data-staas="suspended">This storage is suspended: S3 requests are refused until it is restored. Your data is kept.</div>
    {/if}
    <table class="table table-condensed">
        <tr><th scope="row">S3 endpoint</th><td><code data-staas="endpoint">{$endpoint|escape:'html'}</code></td></tr>
        <tr><th scope="row">Region</th><td><code data-staas="region">{$region|escape:'html'}</code></td></tr>
        <tr>
            <th scope="row">Access key ID</th>
            <td data-staas="keys">
                {foreach from=$accessKeyIds item=key}<code>{$key|escape:'html'}</code><br>{foreachelse}No key pair: make one below.{/foreach}
            </td>
        </tr>
        <tr>
            <th scope="row">Stored</th>
            <td data-staas="quota">{$used|escape:'html'} of {$limit|escape:'html'}{if $percent !== null} ({$percent}%){/if}</td>
        </tr>
    </table>
    <h4>Usage in {$month|escape:'html'}</h4>
    <table class="table table-condensed" data-staas="usage">
        <tr><th scope="row">Storage</th><td>{$storageGbMonth|escape:'html'} GB-month</td></tr>
        <tr><th scope="row">Uploaded</th><td>{$gbIn|escape:'html'} GB</td></tr>
        <tr><th scope="row">Downloaded</th><td>{$gbOut|escape:'html'} GB</td></tr>
        <tr><th scope="row">Requests</th><td>{$requests|escape:'html'}</td></tr>
    </table>
    <p class="text-muted">{if $collectedAt}Figures as of {$collectedAt|escape:'html'} (UTC).{else}No usage collected yet this month.{/if}
        Your secret key was shown once when it was made; if it is lost, make a new key pair.</p>
    <p>
        <a class="btn btn-primary" href="clientarea.php?action=productdetails&amp;id={$serviceid|escape:'url'}&amp;dosinglesignon=1" data-staas="sso">Open storage console</a>
        <a class="btn btn-default" href="clientarea.php?action=productdetails&amp;id={$serviceid|escape:'url'}&amp;modop=custom&amp;a=ClientNewKeys" data-staas="new-keys">New key pair</a>
    </p>
</div>
