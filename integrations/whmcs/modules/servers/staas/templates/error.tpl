<div class="alert alert-danger" data-staas="error">The storage details cannot be shown just now: {$error|escape:'html'}</div>
