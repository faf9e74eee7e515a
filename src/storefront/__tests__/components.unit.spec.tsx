/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react"
import React from "react"
import type { IapStoreClient } from "../client"
import { AccountToken } from "../components/account-token"
import { BuyCredits } from "../components/buy-credits"
import { CreditBalances } from "../components/credit-balances"
import { CreditHistory } from "../components/credit-history"
import { InsufficientCreditsDialog, isInsufficientCredits } from "../components/insufficient-credits-dialog"
import { LowBalanceAlert } from "../components/low-balance-alert"
import { UsageChart } from "../components/usage-chart"
import { toCsv } from "../format"

/** The storefront components against a scripted store client: states, values and error bodies. */

const account = {
  id: "iapacc_1",
  service_id: "iapsvc_1",
  service: "sms",
  service_name: "SMS",
  unit_name: "SMS",
  integer_credits: true,
  customer_id: "cus_1",
  state: "active" as const,
  balance: 120,
  reserved: 5,
  available: 115,
  pending: 100,
  debt: 0,
  overdraft_limit: 0,
  sales_channel_ids: [],
  sales_channels: [],
  token_hint: "…a1b2",
  warning_threshold: 20,
  warning_emails: ["ops@acme.test"],
  warning_armed: true,
  created_at: "2030-01-01T00:00:00.000Z",
  updated_at: "2030-01-01T00:00:00.000Z",
  credits_url: "https://shop.test/credits?service=sms",
  lots: [
    { id: "lot_1", account_id: "iapacc_1", source_type: "purchase" as const, category: "paid" as const, initial_amount: 100, remaining: 70, reserved: 0, status: "available" as const, expires_at: "2030-01-20T00:00:00.000Z", created_at: "2030-01-01T00:00:00.000Z" },
    { id: "lot_2", account_id: "iapacc_1", source_type: "grant" as const, category: "promotional" as const, initial_amount: 50, remaining: 50, reserved: 5, status: "available" as const, expires_at: null, created_at: "2030-01-01T00:00:00.000Z" },
  ],
}

class FetchError extends Error {
  constructor(message: string, readonly status: number) {
    super(message)
  }
}

function fakeClient(over: Partial<Record<keyof IapStoreClient, jest.Mock>> = {}) {
  const client = {
    listAccounts: jest.fn(async () => ({ accounts: [account], count: 1, limit: 100, offset: 0 })),
    retrieveAccount: jest.fn(async () => ({ account })),
    updateLowBalanceAlert: jest.fn(async () => ({ account })),
    rotateToken: jest.fn(async () => ({ account, token: "iapt_new_secret" })),
    listTransactions: jest.fn(),
    consumption: jest.fn(),
    listPacks: jest.fn(),
    addPackToCart: jest.fn(),
    ...over,
  }
  return client as unknown as IapStoreClient & typeof client
}

const tx = (n: number, type = "debit", amount = -1) => ({
  id: `tx_${n}`, account_id: "iapacc_1", type, amount, balance_after: 100 - n, reference_type: null, reference_id: null,
  description: n === 1 ? "=SUM(A1)" : `SMS ${n}`, actor_type: "service", created_at: "2030-01-05T10:00:00.000Z", seq: n, service: "sms",
})

describe("CreditBalances", () => {
  it("shows loading, then each service's available, reserved, pending and what expires within 30 days", async () => {
    const client = fakeClient()
    render(<CreditBalances client={client} now={new Date("2030-01-05T00:00:00Z")} />)
    expect(screen.getByRole("status").textContent).toBe("Loading your credits…")
    const row = await screen.findByRole("row", { name: /SMS/ })
    expect(within(row).getAllByRole("cell").map((c) => c.textContent)).toEqual(["115 SMS", "5 SMS", "100 SMS", "70 SMS", "Buy SMS"])
    expect(within(row).getByRole("link").getAttribute("href")).toBe("https://shop.test/credits?service=sms")
  })

  it("says when there are no accounts, and shows the API's error with a retry", async () => {
    const empty = fakeClient({ listAccounts: jest.fn(async () => ({ accounts: [], count: 0, limit: 100, offset: 0 })) })
    const { unmount } = render(<CreditBalances client={empty} />)
    expect(await screen.findByText("You have no credits yet.")).toBeTruthy()
    unmount()

    const failing = fakeClient({
      listAccounts: jest.fn(async () => ({ accounts: [account], count: 1, limit: 100, offset: 0 })).mockRejectedValueOnce(new FetchError("Unauthorized", 401)),
    })
    render(<CreditBalances client={failing} />)
    expect((await screen.findByRole("alert")).textContent).toContain("Unauthorized")
    fireEvent.click(screen.getByRole("button", { name: "Try again" }))
    expect(await screen.findByRole("row", { name: /SMS/ })).toBeTruthy()
    expect(failing.listAccounts).toHaveBeenCalledTimes(2)
  })
})

describe("BuyCredits", () => {
  const pack = {
    id: "pack_1", credits: 500, expires_after_days: 365, category: "paid" as const,
    service: { technical_name: "sms", name: "SMS", description: null, unit_name: "SMS" },
    variant_id: "variant_500", variant_title: "500 SMS",
    product: { id: "prod_1", title: "SMS credits", handle: "sms-credits", thumbnail: null },
    calculated_price: { calculated_amount: 40, currency_code: "eur" },
  }

  it("lists the region's packs with prices and adds the chosen one to the cart", async () => {
    const client = fakeClient({ listPacks: jest.fn(async () => ({ packs: [pack] })) })
    const onAddToCart = jest.fn(async () => undefined)
    render(<BuyCredits client={client} regionId="reg_eu" onAddToCart={onAddToCart} />)
    const item = await screen.findByRole("listitem")
    expect(item.textContent).toContain("500 SMS")
    expect(item.textContent).toContain("Valid 365 days")
    expect(item.textContent).toContain("€40.00")
    expect(client.listPacks).toHaveBeenCalledWith({ region_id: "reg_eu", service: undefined })
    fireEvent.click(screen.getByRole("button", { name: "Add 500 SMS to cart" }))
    await waitFor(() => expect(screen.getByRole("button", { name: "Add 500 SMS to cart" }).textContent).toBe("Added ✓"))
    expect(onAddToCart).toHaveBeenCalledWith(pack)
  })

  it("shows the cart's error and an empty shelf", async () => {
    const client = fakeClient({ listPacks: jest.fn(async () => ({ packs: [pack] })) })
    render(<BuyCredits client={client} regionId="reg_eu" onAddToCart={() => Promise.reject(new FetchError("Credit packs can only be bought by a registered customer who is signed in", 400))} />)
    fireEvent.click(await screen.findByRole("button", { name: "Add 500 SMS to cart" }))
    expect((await screen.findByRole("alert")).textContent).toBe("Credit packs can only be bought by a registered customer who is signed in")

    const none = fakeClient({ listPacks: jest.fn(async () => ({ packs: [] })) })
    render(<BuyCredits client={none} regionId="reg_us" onAddToCart={jest.fn()} />)
    expect(await screen.findByText("No credit packs are on sale here.")).toBeTruthy()
  })
})

describe("CreditHistory", () => {
  it("pages and filters the ledger", async () => {
    const listTransactions = jest.fn(async (_id: string, q: any) => ({
      transactions: [tx(q.offset + 1, q.type?.[0] ?? "debit"), tx(q.offset + 2, q.type?.[0] ?? "debit")],
      count: 3,
      limit: q.limit,
      offset: q.offset,
    }))
    const client = fakeClient({ listTransactions })
    render(<CreditHistory client={client} accountId="iapacc_1" unitName="SMS" pageSize={2} />)
    expect(await screen.findByText("1–2 of 3")).toBeTruthy()
    expect(screen.getAllByRole("row")).toHaveLength(3)
    fireEvent.click(screen.getByRole("button", { name: "Next" }))
    expect(await screen.findByText("3–4 of 3")).toBeTruthy()
    expect(listTransactions).toHaveBeenLastCalledWith("iapacc_1", { limit: 2, offset: 2, order: "-seq" })
    fireEvent.change(screen.getByLabelText("Type"), { target: { value: "purchase" } })
    await screen.findByText("1–2 of 3")
    expect(listTransactions).toHaveBeenLastCalledWith("iapacc_1", { limit: 2, offset: 0, order: "-seq", type: ["purchase"] })
  })

  it("downloads every filtered row as CSV, formulas neutralized", async () => {
    const listTransactions = jest.fn(async (_id: string, q: any) =>
      q.limit === 100
        ? { transactions: q.offset === 0 ? [tx(1), tx(2)] : [], count: 2, limit: 100, offset: q.offset }
        : { transactions: [tx(1)], count: 2, limit: q.limit, offset: q.offset }
    )
    const blobs: Blob[] = []
    ;(URL as any).createObjectURL = jest.fn((b: Blob) => (blobs.push(b), "blob:csv"))
    ;(URL as any).revokeObjectURL = jest.fn()
    const click = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined)
    render(<CreditHistory client={fakeClient({ listTransactions })} accountId="iapacc_1" />)
    await screen.findByText("1–1 of 2")
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Download CSV" })))
    expect(click).toHaveBeenCalledTimes(1)
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader()
      reader.onload = () => resolve(String(reader.result))
      reader.readAsText(blobs[0])
    })
    expect(text).toBe(
      "date,type,amount,balance_after,description,reference_type,reference_id\r\n" +
        "2030-01-05T10:00:00.000Z,debit,-1,99,'=SUM(A1),,\r\n" +
        "2030-01-05T10:00:00.000Z,debit,-1,98,SMS 2,,\r\n"
    )
    click.mockRestore()
  })
})

describe("UsageChart", () => {
  it("sums the services per day and labels the chart with the total", async () => {
    const consumption = jest.fn(async () => ({
      consumption: {
        from: "2030-01-01", to: "2030-01-03", services: ["mail", "sms"], totals: [],
        series: [
          { date: "2030-01-01", service: "sms", credits: 2 }, { date: "2030-01-01", service: "mail", credits: 1.5 },
          { date: "2030-01-02", service: "sms", credits: 0 }, { date: "2030-01-03", service: "sms", credits: 4 },
        ],
      },
    }))
    render(<UsageChart client={fakeClient({ consumption })} unitName="credits" />)
    const chart = await screen.findByRole("img")
    expect(chart.getAttribute("aria-label")).toBe("Credits used per day from 2030-01-01 to 2030-01-03: 7.5 credits in total")
    expect([...chart.querySelectorAll("title")].map((t) => t.textContent)).toEqual(["2030-01-01: 3.5 credits", "2030-01-02: 0 credits", "2030-01-03: 4 credits"])
  })

  it("says when nothing was used", async () => {
    const consumption = jest.fn(async () => ({ consumption: { from: "2030-01-01", to: "2030-01-30", services: [], totals: [], series: [] } }))
    render(<UsageChart client={fakeClient({ consumption })} />)
    expect(await screen.findByText("No credits used from 2030-01-01 to 2030-01-30.")).toBeTruthy()
  })
})

describe("LowBalanceAlert", () => {
  it("edits the threshold and recipients, and shows the API's 400 message", async () => {
    const update = jest
      .fn()
      .mockRejectedValueOnce(new FetchError("Invalid request: warning_emails must contain valid email addresses", 400))
      .mockResolvedValueOnce({ account })
    const client = fakeClient({ updateLowBalanceAlert: update })
    render(<LowBalanceAlert client={client} accountId="iapacc_1" />)
    const threshold = (await screen.findByLabelText("Email me when available SMS drop below")) as HTMLInputElement
    expect(threshold.value).toBe("20")
    expect((screen.getByLabelText("Recipients (comma-separated, up to 10)") as HTMLInputElement).value).toBe("ops@acme.test")
    fireEvent.change(threshold, { target: { value: "50" } })
    fireEvent.change(screen.getByLabelText("Recipients (comma-separated, up to 10)"), { target: { value: "ops@acme.test, nope" } })
    fireEvent.click(screen.getByRole("button", { name: "Save alert" }))
    expect((await screen.findByRole("alert")).textContent).toBe("Invalid request: warning_emails must contain valid email addresses")
    expect(update).toHaveBeenLastCalledWith("iapacc_1", { warning_threshold: "50", warning_emails: ["ops@acme.test", "nope"] })
    fireEvent.change(threshold, { target: { value: "" } })
    fireEvent.change(screen.getByLabelText("Recipients (comma-separated, up to 10)"), { target: { value: "" } })
    fireEvent.click(screen.getByRole("button", { name: "Save alert" }))
    expect(await screen.findByText("Alert saved.")).toBeTruthy()
    expect(update).toHaveBeenLastCalledWith("iapacc_1", { warning_threshold: null, warning_emails: [] })
  })
})

describe("AccountToken", () => {
  it("shows the hint, and a rotated token once, after confirmation", async () => {
    const client = fakeClient()
    render(<AccountToken client={client} accountId="iapacc_1" />)
    expect(await screen.findByText("…a1b2")).toBeTruthy()
    fireEvent.click(screen.getByRole("button", { name: "Rotate token" }))
    fireEvent.click(screen.getByRole("button", { name: "Keep it" }))
    expect(client.rotateToken).not.toHaveBeenCalled()
    fireEvent.click(screen.getByRole("button", { name: "Rotate token" }))
    fireEvent.click(screen.getByRole("button", { name: "Rotate now" }))
    expect((await screen.findByLabelText("New account token")).textContent).toBe("iapt_new_secret")
    expect(client.rotateToken).toHaveBeenCalledTimes(1)
  })
})

describe("InsufficientCreditsDialog", () => {
  const body = { type: "insufficient_credits" as const, message: "Insufficient credits", service: "sms", required: 3, available: 1, credits_url: "https://shop.test/credits?service=sms&credits=2" }

  it("shows what is needed and the buy link, focused; Escape closes", async () => {
    const onClose = jest.fn()
    render(<InsufficientCreditsDialog error={body} onClose={onClose} unitName="SMS" />)
    const dialog = screen.getByRole("dialog", { name: "Not enough credits" })
    expect(dialog.textContent).toContain("This needs 3 SMS; you have 1 SMS available.")
    const link = within(dialog).getByRole("link", { name: "Buy credits" })
    expect(link.getAttribute("href")).toBe(body.credits_url)
    expect(document.activeElement).toBe(link)
    fireEvent.keyDown(document, { key: "Escape" })
    expect(onClose).toHaveBeenCalledTimes(1)
  })

  it("renders nothing without a 402 body and recognizes one", () => {
    const { container } = render(<InsufficientCreditsDialog error={null} onClose={jest.fn()} />)
    expect(container.innerHTML).toBe("")
    expect(isInsufficientCredits(body)).toBe(true)
    expect(isInsufficientCredits({ type: "not_found" })).toBe(false)
    expect(isInsufficientCredits(null)).toBe(false)
  })
})

describe("toCsv", () => {
  it("quotes separators and neutralizes formulas", () => {
    expect(toCsv([["a,b", 'say "hi"', "@cmd", -1, null]])).toBe('"a,b","say ""hi""",\'@cmd,-1,\r\n')
  })
})
