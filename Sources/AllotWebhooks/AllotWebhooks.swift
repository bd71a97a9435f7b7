// Webhook delivery: built in the webhooks issue.
