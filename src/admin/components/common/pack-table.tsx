import { Table, Text } from "@medusajs/ui"
import { formatCredits, formatMoney } from "../../lib/format"
import type { AdminIapCreditPack } from "../../../types/http"
import { humanize } from "./badges"

/** Pack settings (service, credits per unit, expiry, category, prices) of some variants. */
export function PackTable({ packs, showVariant }: { packs: AdminIapCreditPack[]; showVariant: boolean }) {
  return (
    <Table>
      <Table.Header>
        <Table.Row>
          {showVariant && <Table.HeaderCell>Variant</Table.HeaderCell>}
          <Table.HeaderCell>Service</Table.HeaderCell>
          <Table.HeaderCell className="text-right">Credits per unit</Table.HeaderCell>
          <Table.HeaderCell>Expiry</Table.HeaderCell>
          <Table.HeaderCell>Category</Table.HeaderCell>
          <Table.HeaderCell>Prices</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {packs.map((p) => (
          <Table.Row key={p.id} data-testid="iap-pack-row">
            {showVariant && <Table.Cell>{p.product_variant?.title ?? "-"}</Table.Cell>}
            <Table.Cell>
              <div className="flex flex-col">
                <Text size="small" leading="compact">{p.service?.name ?? p.service_id}</Text>
                {p.service && (
                  <Text size="xsmall" leading="compact" className="text-ui-fg-subtle font-mono">{p.service.technical_name}</Text>
                )}
              </div>
            </Table.Cell>
            <Table.Cell className="text-right">{formatCredits(p.credits, p.service?.unit_name)}</Table.Cell>
            <Table.Cell>{p.expires_after_days ? `${p.expires_after_days} days` : "Never"}</Table.Cell>
            <Table.Cell>{humanize(p.category)}</Table.Cell>
            <Table.Cell>
              {(p.product_variant?.prices ?? []).map((x) => formatMoney(x.amount, x.currency_code)).join(" · ") || "-"}
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}
