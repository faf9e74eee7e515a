import { Badge, StatusBadge } from "@medusajs/ui"
import type { IapAccountState, IapLotStatus, IapTransactionType } from "../../../types"

type Color = "green" | "red" | "blue" | "orange" | "grey" | "purple"

const title = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).replace(/_/g, " ")

const ACCOUNT_STATE: Record<IapAccountState, Color> = { active: "green", suspended: "orange", closed: "grey" }
const LOT_STATUS: Record<IapLotStatus, Color> = { available: "green", pending: "orange", expired: "grey", voided: "red" }
const HOLD_STATUS: Record<string, Color> = { pending: "orange", captured: "green", canceled: "grey", expired: "grey" }
const SERVICE_STATUS: Record<string, Color> = { active: "green", archived: "grey" }
const TRANSACTION_TYPE: Record<IapTransactionType, Color> = {
  grant: "green",
  purchase: "blue",
  debit: "orange",
  capture: "orange",
  expiry: "grey",
  void: "red",
  adjustment: "purple",
  reversal: "grey",
  clawback: "red",
}

export function AccountStateBadge({ state }: { state: IapAccountState }) {
  return <StatusBadge color={ACCOUNT_STATE[state] ?? "grey"}>{title(state)}</StatusBadge>
}

/**
 * A lot's status as an admin reads it: an available lot with nothing left is "Used up", not
 * "Available" (the stored status stays `available` until it expires or is voided).
 */
export function LotStatusBadge({ status, remaining }: { status: IapLotStatus; remaining?: number }) {
  if (status === "available" && remaining !== undefined && Number(remaining) <= 0) {
    return <StatusBadge color="grey">Used up</StatusBadge>
  }
  return <StatusBadge color={LOT_STATUS[status] ?? "grey"}>{title(status)}</StatusBadge>
}

export function HoldStatusBadge({ status }: { status: string }) {
  return <StatusBadge color={HOLD_STATUS[status] ?? "grey"}>{title(status)}</StatusBadge>
}

export function ServiceStatusBadge({ status }: { status: string }) {
  return <StatusBadge color={SERVICE_STATUS[status] ?? "grey"}>{title(status)}</StatusBadge>
}

export function TransactionTypeBadge({ type }: { type: IapTransactionType }) {
  return (
    <Badge size="2xsmall" color={TRANSACTION_TYPE[type] ?? "grey"}>
      {title(type)}
    </Badge>
  )
}

export { title as humanize }
