{* A new key pair: its secret is shown on this page once and kept nowhere, neither here nor in the console's records. *}
<div class="staas-storage">
    <h3>New key pair</h3>
    <div class="alert alert-info">Copy the secret key now: it is not shown again.{if $revoked} The older key pair <code>{$revoked|escape:'html'}</code> no longer works.{/if}</div>
    <table class="table table-condensed">
        <tr><th scope="row">Access key ID</th><td><code data-staas="new-access-key">{$accessKeyId|escape:'html'}</code></td></tr>
        <tr><th scope="row">Secret access key</th><td><code data-staas="new-secret-key">{$secretAccessKey|escape:'html'}</code></td></tr>
    </table>
</div>
