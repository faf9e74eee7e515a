import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { VoidLotInput, VoidLotResult } from "../../../types"
import { iapModule, reverseWrittenTransaction, writtenTransactionId } from "../../common/steps/utils"

export const voidCreditLotStepId = "iap-void-credit-lot-step"

export type VoidCreditLotStepInput = VoidLotInput & {
  /** When given, the lot must belong to this account (else 404). */
  account_id?: string
}

export type VoidCreditLotStepResult = VoidLotResult & { voided: number; shortfall: number }

/**
 * Voids what is left of a lot (an admin action): a pending lot entirely, an available one up to
 * its unreserved remainder. Compensation writes a reversal of the void row.
 *
 * @example
 * voidCreditLotStep({ lot_id: "iaplot_1", account_id: "iapacc_1", note: "Granted by mistake", idempotency_key: "void-1" })
 */
export const voidCreditLotStep = createStep(
  voidCreditLotStepId,
  async ({ account_id, ...input }: VoidCreditLotStepInput, { container }) => {
    const iap = iapModule(container)
    if (account_id) {
      const [lot] = await iap.listIapCreditLots({ id: input.lot_id, account_id }, { select: ["id"], take: 1 })
      if (!lot) {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `IAP credit lot with id: ${input.lot_id} was not found on account ${account_id}`)
      }
    }
    const result = (await iap.voidLot(input)) as VoidCreditLotStepResult
    // A pending lot's void moves no credits: there is nothing to reverse.
    return new StepResponse(result, result.transaction?.amount ? writtenTransactionId(result) : null)
  },
  reverseWrittenTransaction
)
