import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { IapEventMessage } from "../../events"

export const emitIapEventsStepId = "iap-emit-events"

/**
 * Emits several events of different names in the workflow's event group, so they are
 * delivered only once the workflow has finished (after its writes committed).
 *
 * @example
 * emitIapEventsStep(transform({ result }, ({ result }) => eventsOf(result, ...)))
 */
export const emitIapEventsStep = createStep(
  emitIapEventsStepId,
  async (events: IapEventMessage[], { container, eventGroupId }) => {
    if (!events?.length) return new StepResponse(void 0, null)
    const eventBus = container.resolve(Modules.EVENT_BUS)
    const metadata = eventGroupId ? { eventGroupId } : {}
    await eventBus.emit(events.map((e) => ({ name: e.name, data: e.data, metadata: { ...e.metadata, ...metadata } })))
    return new StepResponse(void 0, eventGroupId ? { eventGroupId, names: [...new Set(events.map((e) => e.name))] } : null)
  },
  async (grouped, { container }) => {
    if (!grouped) return
    await container.resolve(Modules.EVENT_BUS).clearGroupedEvents(grouped.eventGroupId, { eventNames: grouped.names })
  }
)
