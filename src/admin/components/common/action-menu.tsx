import { EllipsisHorizontal } from "@medusajs/icons"
import { DropdownMenu, IconButton } from "@medusajs/ui"
import type { ReactNode } from "react"

export type Action = { label: string; icon?: ReactNode; onClick: () => void; disabled?: boolean; testId?: string }

/**
 * The dashboard's row action menu: a "…" button opening groups of actions, separated by a line.
 *
 * @example
 * <ActionMenu groups={[[{ label: "Void", icon: <XCircle />, onClick: () => onVoid(lot) }]]} />
 */
export function ActionMenu({ groups, testId }: { groups: Action[][]; testId?: string }) {
  const visible = groups.filter((g) => g.length)
  if (!visible.length) return null
  return (
    <DropdownMenu>
      <DropdownMenu.Trigger asChild>
        <IconButton size="small" variant="transparent" aria-label="Actions" data-testid={testId}>
          <EllipsisHorizontal />
        </IconButton>
      </DropdownMenu.Trigger>
      <DropdownMenu.Content align="end">
        {visible.map((group, i) => (
          <DropdownMenu.Group key={i}>
            {i > 0 && <DropdownMenu.Separator />}
            {group.map((a) => (
              <DropdownMenu.Item
                key={a.label}
                disabled={a.disabled}
                onClick={(e) => {
                  e.stopPropagation()
                  a.onClick()
                }}
                className="[&_svg]:text-ui-fg-subtle flex items-center gap-x-2"
                data-testid={a.testId}
              >
                {a.icon}
                <span>{a.label}</span>
              </DropdownMenu.Item>
            ))}
          </DropdownMenu.Group>
        ))}
      </DropdownMenu.Content>
    </DropdownMenu>
  )
}
