import { Button, Copy, Prompt, Text } from "@medusajs/ui"

/**
 * Shows a secret (a service key, an account token) the one time the API returns it, with a copy button: only
 * its hash is stored, so closing this dialog loses it for good.
 */
export function SecretDialog({
  secret,
  title,
  description,
  note = "It will not be shown again. Store it in the service's configuration now.",
  onClose,
}: {
  secret: string | null
  title: string
  description: string
  note?: string
  onClose: () => void
}) {
  return (
    <Prompt open={!!secret} onOpenChange={(open) => !open && onClose()}>
      <Prompt.Content>
        <Prompt.Header>
          <Prompt.Title>{title}</Prompt.Title>
          <Prompt.Description>{description}</Prompt.Description>
        </Prompt.Header>
        <div className="px-6 pb-4">
          <div className="bg-ui-bg-subtle border-ui-border-base flex items-center gap-x-2 rounded-md border px-3 py-2">
            <Text size="small" className="font-mono break-all flex-1" data-testid="iap-secret-value">
              {secret}
            </Text>
            {secret && <Copy content={secret} data-testid="iap-secret-copy" />}
          </div>
          <Text size="xsmall" className="text-ui-fg-muted mt-2">
            {note}
          </Text>
        </div>
        <Prompt.Footer>
          <Button size="small" onClick={onClose}>
            I have copied it
          </Button>
        </Prompt.Footer>
      </Prompt.Content>
    </Prompt>
  )
}
